import type { ReadValue } from './plan';
import { COLUMN_KEYS, KEY_MARKER, MONTHS, SETTINGS, type KeptRow } from './layout';

/** A tree sheet read back: what people typed, found by node id and column key, not position. */
export interface TreeSheetContents {
  readonly kgi: number | null;
  readonly fiscalYear: number | null;
  readonly startMonth: number | null;
  readonly period: string;
  readonly closedThrough: string;
  readonly weights: readonly (number | null)[];
  /** Plan inputs typed on node rows (rates, sizes, shares, targets), by node id. */
  readonly planInputs: Readonly<Record<string, number>>;
  readonly rows: ReadonlyMap<string, KeptRow & { readonly row: number; readonly values: Readonly<Record<string, ReadValue>> }>;
  /** The month labels of the actual columns, in fiscal order. */
  readonly monthLabels: readonly string[];
  /** How many fiscal months are closed, from the sheet's helper cell. */
  readonly closedMonths: number;
  /** Where things are now (rows may have been inserted or moved): 1-based. */
  readonly settingsRow: number;
  readonly columns: ReadonlyMap<string, number>;
}

/** A finite number read from a cell, or null for blanks, text and errors. */
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: ReadValue | undefined): string => (v === undefined ? '' : String(v));

/** Returns null when the values are not a KPI-tree sheet (no key row). */
export function readTreeSheet(values: readonly (readonly ReadValue[])[]): TreeSheetContents | null {
  const keyRow = values.findIndex((row) => row[0] === KEY_MARKER);
  if (keyRow < 0) return null;
  const columnOf = new Map<string, number>();
  values[keyRow].forEach((k, i) => {
    if (typeof k === 'string' && k !== '') columnOf.set(k, i);
  });
  columnOf.set('key', 0);
  const get = (row: readonly ReadValue[], key: string) => {
    const i = columnOf.get(key);
    return i === undefined ? undefined : row[i];
  };
  const months = Array.from({ length: MONTHS }, (_, m) => m + 1);
  const settings = values[keyRow - 3] ?? [];
  const weightsRow = values[keyRow - 1] ?? [];
  const header = values[keyRow + 1] ?? [];

  const rows = new Map<string, KeptRow & { row: number; values: Record<string, ReadValue> }>();
  const planInputs: Record<string, number> = {};
  for (let r = keyRow + 2; r < values.length; r++) {
    const row = values[r];
    const id = row[0];
    if (typeof id !== 'string' || id === '' || rows.has(id)) continue;
    const owner = get(row, 'owner');
    const note = get(row, 'note');
    rows.set(id, {
      row: r + 1,
      owner: typeof owner === 'number' ? owner : str(owner),
      note: typeof note === 'number' ? note : str(note),
      actuals: months.map((m) => num(get(row, `actual_${m}`))),
      values: Object.fromEntries(COLUMN_KEYS.map((k) => [k, get(row, k) ?? ''])),
    });
    const planInput = num(get(row, 'plan_input'));
    if (planInput !== null) planInputs[id] = planInput;
  }
  return {
    kgi: num(settings[SETTINGS.kgi - 1]),
    fiscalYear: num(settings[SETTINGS.fiscalYear - 1]),
    startMonth: num(settings[SETTINGS.startMonth - 1]),
    period: str(settings[SETTINGS.period - 1]),
    closedThrough: str(settings[SETTINGS.closedThrough - 1]),
    weights: months.map((m) => num(get(weightsRow, `plan_${m}`))),
    planInputs,
    rows,
    monthLabels: months.map((m) => str(get(header, `actual_${m}`))),
    closedMonths: num(settings[0]) ?? 0,
    settingsRow: keyRow - 2,
    columns: new Map([...columnOf].map(([k, i]) => [k, i + 1])),
  };
}
