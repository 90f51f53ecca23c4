import type { Lang } from '../i18n';
import type { TemplateId } from '../templates';
import type { NodeDef } from '../tree';
import type { DataLink } from './links';

/**
 * The tree sheet's schema: its rows, columns, settings, markers, tag and colours. The layout
 * (which writes a sheet) and the read-back (which finds what people typed) both depend on it,
 * not on each other.
 *
 *   row 1  title                                  A1: latest fiscal month with any actual
 *   row 2  KGI, fiscal year, start month,         A2: months closed
 *          period selector, closed through
 *   row 3  the year: KGI actual to date, landing  A3/A4: first/last fiscal month of the period
 *          and its gap to the KGI; the bottleneck
 *   row 4  the plan: activity yields, % of KGI and its gap to the KGI; what fixing the
 *          bottleneck recovers; seasonality weights over the plan months
 *   row 5  (hidden) the column keys, so reading back survives inserted columns; over the
 *          actuals, the fiscal month numbers the period's SUMIFS criteria use
 *   row 6  headers ("Apr actual", "Apr plan")
 *   row 7… one row per node in tree order; column A (hidden) holds the node's id
 *   then   a blank row, and the KGI by month for the chart (marked `@chart` in column A)
 *
 * Columns: the first screen (about 1,000 px beside the sidebar) shows the period, its
 * judgement, what fixing it recovers and the year's landing against the annual plan; then the
 * actual inputs, the other columns, and the monthly plans in a column group people collapse.
 */
export const LAYOUT_VERSION = 2;
export const MONTHS = 12;

export type Month = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12;
const MONTH_NUMBERS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const satisfies readonly Month[];
export type MonthKey = `plan_${Month}` | `actual_${Month}`;

/** The key of a month's plan or actual column; a month outside 1–12 is a programming error. */
export function monthKey<P extends 'plan' | 'actual'>(prefix: P, month: number): `${P}_${Month}` {
  if (!Number.isInteger(month) || month < 1 || month > MONTHS) throw new RangeError(`No fiscal month ${month}`);
  return `${prefix}_${month as Month}`;
}

/** The first screen: the selected period, its judgement, and the year's landing beside the annual plan. */
const FIRST_SCREEN_KEYS = [
  'key',
  'tree',
  'label',
  'period_plan',
  'period_actual',
  'achievement',
  'status',
  'recoverable',
  'forecast',
  'annual',
] as const;
/** After the actual inputs: how the month runs, who owns it, and the plan's inputs and terms. */
const DETAIL_KEYS = ['trend', 'gap', 'pace', 'run_rate', 'owner', 'note', 'plan_input', 'yields', 'unit', 'role', 'definition'] as const;
const HIDDEN_KEYS = ['sensitivity', 'score'] as const;
/** A column with one formula or value per node row (the months are families of twelve). */
export type NodeColumnKey = (typeof FIRST_SCREEN_KEYS)[number] | (typeof DETAIL_KEYS)[number] | (typeof HIDDEN_KEYS)[number];
export type ColumnKey = NodeColumnKey | MonthKey;

/** The table's columns in order; the key row holds these, so reading back finds them by key. */
export const COLUMN_KEYS: readonly ColumnKey[] = [
  ...FIRST_SCREEN_KEYS,
  ...MONTH_NUMBERS.map((m) => monthKey('actual', m)),
  ...DETAIL_KEYS,
  ...MONTH_NUMBERS.map((m) => monthKey('plan', m)),
  ...HIDDEN_KEYS,
];
/** Each column's number (1-based) as the layout writes it. */
export const COLUMN = Object.fromEntries(COLUMN_KEYS.map((key, i) => [key, i + 1])) as Record<ColumnKey, number>;
export const PLAN_1 = COLUMN.plan_1;
export const ACTUAL_1 = COLUMN.actual_1;

export const ROW = { title: 1, settings: 2, summary: 3, months: 4, keys: 5, header: 6, firstNode: 7 } as const;
/** The key-row marker in column A: where reading a tree sheet back starts. */
export const KEY_MARKER = '@key';
/** The chart block's marker in the key column, so an update finds the block where rows moved it. */
export const CHART_MARKER = '@chart';

/** Settings cells (row 2): labels sit one column to the left of each. */
export const SETTINGS = { kgi: 3, fiscalYear: 5, startMonth: 7, period: 9, closedThrough: 11 } as const;

/**
 * The key row also says where the settings, the weights row and the header row are, by
 * formulas like `="@kgi="&ROW($C$2)&","&COLUMN($C$2)` that Sheets moves with inserted rows and
 * columns; reading back and writing settings then finds them wherever they are.
 */
export const SETTING_KEYS = ['kgi', 'fiscalYear', 'startMonth', 'period', 'closedThrough', 'weights', 'header'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];
export const PLACE = /^@(\w+)=(\d+),(\d+)$/;

/** The table's columns, then one cell a setting in the hidden key row. */
export const LAST_COLUMN = COLUMN_KEYS.length + SETTING_KEYS.length;

/**
 * Hidden helpers in column A, by row: the latest month with an actual, the months closed
 * (recorded in History), the months the selected period covers, and the months due (ended,
 * by the spreadsheet's own clock, so their blanks are flagged without the add-on).
 */
export const HELPER = { latestMonth: 1, closedMonths: 2, periodFrom: 3, periodTo: 4, monthsDue: 6 } as const;

export const PALETTE = {
  input: '#fef7e0',
  inputText: '#174ea6',
  header: '#f1f3f4',
  bottleneck: '#f4c7c3',
  bottleneckText: '#a50e0e',
  under: '#fce8b2',
  on: '#ceead6',
  missing: '#e9d2fd',
  /** A row whose input the sheet cannot compute with: "check input". */
  check: '#f9cb9c',
  /** Actual cells that fill themselves from a data sheet (not typed). */
  linked: '#e8f0fe',
} as const;

/** Row 1, right of the title: the latest date in each linked data sheet (a label, then a name and a date per sheet). */
export const FRESHNESS = { row: 1, label: 10 } as const;

/** The colours of the add-on's own conditional-format rules: an update knows its rules by them. */
export const RULE_COLOURS: ReadonlySet<string> = new Set([PALETTE.bottleneck, PALETTE.under, PALETTE.on, PALETTE.missing, PALETTE.check]);

/**
 * Number formats. Counts and money are whole; a size or an average counted in units is not
 * (0.33 purchases per customer a month); every percentage in the sheet, rates and achievement
 * alike, shows one decimal.
 */
export const NUMBER_FORMAT = { yen: '"¥"#,##0', count: '#,##0', average: '#,##0.00', rate: '0.0%' } as const;

/** What a person typed on a node's row. */
export interface KeptRow {
  readonly owner: string | number;
  readonly note: string | number;
  /** Actuals by fiscal month (index 0 = first month); null where blank. */
  readonly actuals: readonly (number | null)[];
}

/** The developer metadata that marks a sheet as a KPI tree. */
export interface SheetTag {
  readonly app: 'kpi-tree';
  readonly version: number;
  readonly templateId: TemplateId;
  readonly lang: Lang;
  /** Nodes the planner added to the template's tree (process KPIs), with their default plans. */
  readonly added: readonly NodeDef[];
  readonly fiscalYear?: number;
  /** Whether only each row's owner edits its inputs (the protections are found by this, not by a scan). */
  readonly ownerProtection?: boolean;
  /** Nodes whose monthly actuals fill themselves from a data sheet, by node id: the rule, kept in the sheet. */
  readonly links?: Readonly<Record<string, DataLink>>;
}
