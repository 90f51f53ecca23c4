import type { ReadValue } from './draft';
import { monthLabels } from './labels';
import { CHART_MARKER, COLUMN_KEYS, KEY_MARKER, type KeptRow, MONTHS, PLACE, ROW, SETTING_KEYS, type SettingKey } from './schema';

/** A cell's place as the sheet has it now (rows and columns may have been inserted): 1-based. */
export interface Place {
  readonly row: number;
  readonly column: number;
}

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
  /** The month labels the period selector lists (`2026-04`), in fiscal order. */
  readonly monthLabels: readonly string[];
  /** How many fiscal months are closed, from the sheet's helper cell. */
  readonly closedMonths: number;
  /** How many fiscal months have ended (the spreadsheet's clock): their blank actuals are due. */
  readonly monthsDue: number;
  /** Where each setting's cell is now. */
  readonly settings: Readonly<Record<SettingKey, Place>>;
  /** Where each column is now, by key. */
  readonly columns: ReadonlyMap<string, number>;
  /** The chart block's first row, if the sheet still has it. */
  readonly chartTop: number | null;
  /**
   * Whether the frame is where the layout put it: the key row, the settings and every column
   * in place (a person inserted, deleted or moved none). An update lays the tree out over the
   * sheet's own rows, so node rows may move; the frame and the columns may not.
   */
  readonly frameInPlace: boolean;
  /**
   * Whether the frame's rows are in place and the table's columns are the layout's, in any
   * order: a sheet of an earlier layout, whose columns an update moves into this one's order.
   */
  readonly columnsMovable: boolean;
}

/** A finite number read from a cell, or null for blanks, text and errors. */
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: ReadValue | undefined): string => (v === undefined ? '' : String(v));

/** Returns null when the values are not a KPI-tree sheet (no key row). */
export function readTreeSheet(values: readonly (readonly ReadValue[])[]): TreeSheetContents | null {
  const keyRow = values.findIndex((row) => row.includes(KEY_MARKER));
  if (keyRow < 0) return null;
  const keyColumn = values[keyRow].indexOf(KEY_MARKER);
  const columnOf = new Map<string, number>([['key', keyColumn]]);
  const places = new Map<string, Place>();
  values[keyRow].forEach((k, i) => {
    const place = typeof k === 'string' ? PLACE.exec(k) : null;
    if (place) places.set(place[1], { row: Number(place[2]), column: Number(place[3]) });
    else if (typeof k === 'string' && k !== '' && k !== KEY_MARKER) columnOf.set(k, i);
    // Over the actuals the key row holds the fiscal month number (the period's criteria).
    else if (typeof k === 'number' && Number.isInteger(k) && k >= 1 && k <= MONTHS) columnOf.set(`actual_${k}`, i);
  });
  const settings = Object.fromEntries(SETTING_KEYS.map((k) => [k, places.get(k)])) as Record<SettingKey, Place>;
  if (SETTING_KEYS.some((k) => !settings[k])) return null;
  const at = ({ row, column }: Place) => values[row - 1]?.[column - 1];
  const get = (row: readonly ReadValue[], key: string) => {
    const i = columnOf.get(key);
    return i === undefined ? undefined : row[i];
  };
  const months = Array.from({ length: MONTHS }, (_, m) => m + 1);
  const weightsRow = values[settings.weights.row - 1] ?? [];
  const fiscalYear = num(at(settings.fiscalYear));
  const startMonth = num(at(settings.startMonth));

  const rows = new Map<string, KeptRow & { row: number; values: Record<string, ReadValue> }>();
  const planInputs: Record<string, number> = {};
  let chartTop: number | null = null;
  for (let r = settings.header.row; r < values.length; r++) {
    const row = values[r];
    const id = row[keyColumn];
    if (id === CHART_MARKER && chartTop === null) chartTop = r + 1;
    if (typeof id !== 'string' || id === '' || id.startsWith('@') || rows.has(id)) continue;
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
  const rowsInPlace = keyRow === ROW.keys - 1 && settings.header.row === ROW.header && settings.kgi.row === ROW.settings;
  return {
    kgi: num(at(settings.kgi)),
    fiscalYear,
    startMonth,
    period: str(at(settings.period)),
    closedThrough: str(at(settings.closedThrough)),
    weights: months.map((m) => num(get(weightsRow, `plan_${m}`))),
    planInputs,
    rows,
    monthLabels: fiscalYear !== null && startMonth !== null ? monthLabels(fiscalYear, startMonth) : [],
    // The helper beside the settings, in the key column.
    closedMonths: num(values[settings.kgi.row - 1]?.[keyColumn]) ?? 0,
    // The helper in the header row's key cell; a sheet from before it reads as the months closed.
    monthsDue: num(values[settings.header.row - 1]?.[keyColumn]) ?? num(values[settings.kgi.row - 1]?.[keyColumn]) ?? 0,
    settings,
    columns: new Map([...columnOf].map(([k, i]) => [k, i + 1])),
    chartTop,
    frameInPlace: rowsInPlace && COLUMN_KEYS.every((k, i) => columnOf.get(k) === i),
    columnsMovable: rowsInPlace && COLUMN_KEYS.every((k) => (columnOf.get(k) ?? COLUMN_KEYS.length) < COLUMN_KEYS.length),
  };
}
