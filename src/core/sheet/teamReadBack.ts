import type { ReadValue } from './draft';
import { TEAM_COLUMN, TEAM_KEY_MARKER, TEAM_ROW, TEAM_SETTING, TOTAL_MARKER } from './teamLayout';

/** A row of the Team sheet read back: its values by column key. */
export interface TeamRow {
  readonly row: number;
  readonly name: string;
  readonly values: Readonly<Record<string, ReadValue>>;
}

/** A Team sheet read back, as its own formulas computed it. */
export interface TeamContents {
  readonly people: readonly TeamRow[];
  readonly total: TeamRow | null;
  readonly kgi: ReadValue;
  readonly allocated: ReadValue;
  readonly period: string;
  /** The warning row 2 shows while the allocations do not add up to the KGI ('' when they do). */
  readonly warning: string;
}

/** Returns null when the values are not a Team sheet (no key row). */
export function readTeamSheet(values: readonly (readonly ReadValue[])[]): TeamContents | null {
  const keys = values[TEAM_ROW.keys - 1];
  if (keys?.[0] !== TEAM_KEY_MARKER) return null;
  const rowAt = (r: number): TeamRow => ({
    row: r + 1,
    name: String(values[r][TEAM_COLUMN.person - 1] ?? ''),
    values: Object.fromEntries(keys.flatMap((k, c) => (typeof k === 'string' && k !== '' && c > 0 ? [[k, values[r][c] ?? '']] : []))),
  });
  const people: TeamRow[] = [];
  let total: TeamRow | null = null;
  for (let r = TEAM_ROW.firstPerson - 1; r < values.length; r++) {
    if (values[r][0] === TOTAL_MARKER) {
      total = rowAt(r);
      break;
    }
    if (String(values[r][TEAM_COLUMN.person - 1] ?? '') !== '') people.push(rowAt(r));
  }
  const settings = values[TEAM_ROW.settings - 1] ?? [];
  return {
    people,
    total,
    kgi: settings[TEAM_SETTING.kgi - 1] ?? '',
    allocated: settings[TEAM_SETTING.allocated - 1] ?? '',
    period: String(settings[TEAM_SETTING.period - 1] ?? ''),
    warning: String(settings[TEAM_SETTING.warning - 1] ?? ''),
  };
}
