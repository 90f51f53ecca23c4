import type { Lang } from '../core/i18n';
import { type CellContent, cellRange, type ReadValue } from '../core/sheet/draft';
import { fill } from '../core/sheet/labels';
import { readTreeSheet, type TreeSheetContents } from '../core/sheet/readBack';
import { NUMBER_FORMAT } from '../core/sheet/schema';
import { isTyped, orderTree } from '../core/tree';
import type { Vocabulary } from '../core/vocabulary';
import type { CloseMonthResult, MissingInput } from '../rpc';
import type { SheetGateway } from './gateway';
import { checkWritable } from './ownerProtection';
import { refuse } from './refusals';
import { locked, readTree, uniqueSheetName } from './trees';

/**
 * Closing a month: its figures appended to the append-only History, the month shown in the
 * sheet. Holds the document lock.
 *
 * What "closed" means: a month is closed when History records it for the tree. The sheet's
 * "Closed through" setting is the latest month History holds for the tree, written by each
 * close; months that have merely ended are *due* (their blank actuals are flagged), not closed.
 *
 * History is a sheet people read: one per language (found by a tag that records it, so a
 * Japanese tree never writes into an English History), the close time a date in the
 * spreadsheet's time zone, numbers formatted by unit, the node ids hidden, the header frozen.
 */

/** The tag of a History sheet; one written before History had a language lacks `lang`. */
const historyTag = (lang: Lang) => JSON.stringify({ app: 'kpi-tree', history: 1, lang });

/** History's columns, in the order of its headers (labels.ts). */
const COLUMN = {
  closedAt: 1,
  sheet: 2,
  month: 3,
  revision: 4,
  nodeId: 5,
  label: 6,
  owner: 7,
  plan: 8,
  actual: 9,
  achievement: 10,
  recoverable: 11,
  status: 12,
  bottleneck: 13,
} as const;

/** The close time as people read it: a date-time value, shown in the spreadsheet's time zone. */
const CLOSED_AT_FORMAT = 'yyyy-mm-dd hh:mm';

const text = (value: string): CellContent => ({ text: value });
/** The period and closed-month cells are plain text: their labels go in as they are. */
const plain = (value: string): CellContent => ({ text: value, plain: true });
const numberOrBlank = (value: unknown): CellContent => (typeof value === 'number' ? { number: value } : null);

/** A History sheet, with the rows it holds and the language of its headers. */
interface HistorySheet {
  readonly sheet: string;
  readonly lang: Lang;
  readonly rows: ReadValue[][];
  /** Tagged before History had a language: its language is read from its headers. */
  readonly untagged: boolean;
}

function parseHistoryTag(raw: string): { lang: Lang | null } | null {
  try {
    const tag = JSON.parse(raw) as { app?: unknown; history?: unknown; lang?: unknown };
    if (tag.app !== 'kpi-tree' || tag.history !== 1) return null;
    return { lang: tag.lang === 'en' || tag.lang === 'ja' ? tag.lang : null };
  } catch {
    return null;
  }
}

/**
 * Every History sheet, found by its tag (not its name, so renaming keeps it). One without a
 * language is in the language of its headers.
 */
function historySheets(workbook: SheetGateway, vocabulary: Vocabulary): HistorySheet[] {
  return workbook.taggedSheets().flatMap(({ sheet, tag }) => {
    const parsed = parseHistoryTag(tag);
    if (!parsed) return [];
    const rows = workbook.readValues(sheet);
    const lang = parsed.lang ?? (rows[0]?.[0] === vocabulary.words.ja.history.headers[0] ? 'ja' : 'en');
    return [{ sheet, lang, rows, untagged: parsed.lang === null }];
  });
}

/**
 * The actual each node had in each of `months`, as History recorded it (the latest revision),
 * from the rows of the tree sheets `from` accepts: by node id, one entry per month (null where
 * none is recorded). One read per History sheet.
 */
export function historyActuals(
  workbook: SheetGateway,
  tagged: readonly { readonly sheet: string; readonly tag: string }[],
  months: readonly string[],
  from: (sheet: string) => boolean,
): Map<string, (number | null)[]> {
  const actuals = new Map<string, (number | null)[]>();
  const revisions = new Map<string, number>();
  for (const { sheet, tag } of tagged) {
    if (!parseHistoryTag(tag)) continue;
    for (const row of workbook.readValues(sheet)) {
      const m = months.indexOf(String(row[COLUMN.month - 1]));
      const actual = row[COLUMN.actual - 1];
      if (m < 0 || !from(String(row[COLUMN.sheet - 1])) || typeof actual !== 'number') continue;
      const id = String(row[COLUMN.nodeId - 1]);
      const key = `${id}\n${m}`;
      const revision = Number(row[COLUMN.revision - 1]) || 0;
      if ((revisions.get(key) ?? -1) > revision) continue;
      revisions.set(key, revision);
      if (!actuals.has(id)) actuals.set(id, Array<number | null>(months.length).fill(null));
      actuals.get(id)![m] = actual;
    }
  }
  return actuals;
}

/** The months History holds for a tree sheet, in any language's History. */
export function recordedMonths(workbook: SheetGateway, sheetName: string): Set<string> {
  const months = new Set<string>();
  for (const { tag, sheet } of workbook.taggedSheets()) {
    if (!parseHistoryTag(tag)) continue;
    for (const row of workbook.readValues(sheet)) if (row[COLUMN.sheet - 1] === sheetName) months.add(String(row[COLUMN.month - 1]));
  }
  return months;
}

/** The fiscal month (1–12) of the latest month recorded, 0 when none is. */
export function latestRecorded(monthLabels: readonly string[], recorded: ReadonlySet<string>): number {
  let latest = 0;
  monthLabels.forEach((label, i) => {
    if (recorded.has(label)) latest = i + 1;
  });
  return latest;
}

/**
 * The month a close records when none is named: the earliest month not recorded yet, up to the
 * one after the latest recorded (a tree built mid-year has months due but none recorded, so its
 * first close records the first month of the year); the last month again when all are.
 */
export function nextToClose(contents: TreeSheetContents, recorded: ReadonlySet<string>): number {
  const limit = Math.min(latestRecorded(contents.monthLabels, recorded) + 1, 12);
  for (let m = 1; m <= limit; m++) if (!recorded.has(contents.monthLabels[m - 1])) return m;
  return limit;
}

/** The layout of a History sheet: the header frozen, the node ids hidden (they only key the rows). */
const HISTORY_LAYOUT = {
  frozenRows: 1,
  frozenColumns: 0,
  hiddenColumns: [COLUMN.nodeId],
  hiddenRows: [],
  columnWidths: { [COLUMN.closedAt]: 130, [COLUMN.sheet]: 150, [COLUMN.label]: 170 },
  columnGroups: [],
};

function createHistory(workbook: SheetGateway, vocabulary: Vocabulary, lang: Lang): string {
  const headers = vocabulary.words[lang].history.headers;
  const name = uniqueSheetName(vocabulary.words[lang].history.sheet, workbook.sheetNames());
  workbook.insertSheet(name, 1, headers.length);
  workbook.tagSheet(name, historyTag(lang));
  const header = { row: 1, column: 1, rows: 1, columns: headers.length };
  workbook.setContents(name, header, [headers.map(text)]);
  workbook.setFontWeights(name, header, [headers.map(() => 'bold' as const)]);
  workbook.setLayout(name, HISTORY_LAYOUT);
  return name;
}

/**
 * A date as a spreadsheet holds it: the serial number of its wall-clock time in the
 * spreadsheet's time zone (days since 30 December 1899), so the cell shows that time wherever
 * the script runs.
 */
function dateSerial(workbook: SheetGateway, date: Date): number {
  const [year, month, day, hour, minute, second] = workbook.formatDate(date, 'yyyy-MM-dd-HH-mm-ss').split('-').map(Number);
  return (Date.UTC(year, month - 1, day, hour, minute, second) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/**
 * Closes a month: appends every node's plan, actual, achievement and the bottleneck for that
 * month to the History of the tree's language, never rewriting a past row (closing a month
 * again records a revision), moves "Closed through" to the latest month History now holds, and
 * leaves the period selector on the month closed (the one the meeting discusses). Blank actuals
 * refuse the close until the person confirms.
 */
export function closeMonth(
  workbook: SheetGateway,
  vocabulary: Vocabulary,
  sheetName: string,
  confirmBlank: boolean,
  now: Date,
  named?: string,
): CloseMonthResult {
  return locked(workbook, vocabulary, () => {
    const { tag, tree, contents } = readTree(workbook, vocabulary, sheetName);
    const words = vocabulary.words[tag.lang];
    const nodes = orderTree(tree);
    const histories = historySheets(workbook, vocabulary);
    const records = histories.flatMap((h) => h.rows.filter((r) => r[COLUMN.sheet - 1] === sheetName));
    const recorded = new Set(records.map((r) => String(r[COLUMN.month - 1])));
    const month = named === undefined ? nextToClose(contents, recorded) : contents.monthLabels.indexOf(named) + 1;
    if (month === 0) refuse(vocabulary, 'month', 'month', { month: named ?? '' });
    const label = contents.monthLabels[month - 1];
    const missing: MissingInput[] = nodes.flatMap((node) => {
      const row = contents.rows.get(node.id);
      return row && isTyped(node) && row.actuals[month - 1] === null
        ? [{ nodeId: node.id, label: String(row.values.label), owner: String(row.owner), months: [label] }]
        : [];
    });
    if (missing.length > 0 && !confirmBlank) {
      const count = missing.length;
      const say = (lang: Lang) => fill(vocabulary.words[lang].blankActuals[count === 1 ? 'one' : 'many'], { month: label, count });
      return { closed: false, month: label, missing, text: { en: say('en'), ja: say('ja') } };
    }

    // Every cell the close writes must be writable before the first is written.
    const { period: periodCell, closedThrough } = contents.settings;
    const existing = histories.find((h) => h.lang === tag.lang && !h.untagged) ?? histories.find((h) => h.lang === tag.lang);
    const past = existing ? [...existing.rows] : [];
    const width = words.history.headers.length;
    checkWritable(workbook, vocabulary, sheetName, contents, [
      cellRange(periodCell.row, periodCell.column),
      cellRange(closedThrough.row, closedThrough.column),
    ]);
    if (existing)
      checkWritable(workbook, vocabulary, existing.sheet, null, [{ row: past.length + 1, column: 1, rows: nodes.length, columns: width }]);

    // Select the month so the sheet's own formulas give its figures and its bottleneck; it
    // stays selected after the close.
    if (contents.period !== label) workbook.setContents(sheetName, cellRange(periodCell.row, periodCell.column), [[plain(label)]]);
    const figures = readTreeSheet(workbook.readValues(sheetName))!;

    const history = existing?.sheet ?? createHistory(workbook, vocabulary, tag.lang);
    // Inserting a sheet makes it the active one: the manager stays on the tree.
    if (!existing) {
      workbook.activate(sheetName);
      past.push(...workbook.readValues(history));
    } else if (existing.untagged) {
      // A History from before it had a language: tagged with the language of its headers, laid out for reading.
      workbook.tagSheet(history, historyTag(tag.lang));
      workbook.setLayout(history, HISTORY_LAYOUT);
    }
    const revision =
      1 + records.filter((r) => r[COLUMN.month - 1] === label).reduce((max, r) => Math.max(max, Number(r[COLUMN.revision - 1]) || 0), 0);
    const closedAt = dateSerial(workbook, now);
    const kgiFormat = NUMBER_FORMAT[nodes[0].unit];
    const written = nodes.flatMap((node) => {
      const row = figures.rows.get(node.id);
      if (!row) return [];
      const v = row.values;
      const unit = NUMBER_FORMAT[node.unit];
      const cells: CellContent[] = [
        { number: closedAt },
        text(sheetName),
        text(label),
        { number: revision },
        text(node.id),
        text(String(v.label)),
        text(String(row.owner)),
        numberOrBlank(v.period_plan),
        numberOrBlank(v.period_actual),
        numberOrBlank(v.achievement),
        numberOrBlank(v.recoverable),
        text(String(v.status)),
        text(v.status === words.status.bottleneck ? '✓' : ''),
      ];
      // Text as written; the close time a date; the plan and actual in the node's unit, the
      // achievement a percentage, the KGI recoverable in the KGI's unit.
      const formats = cells.map(() => 'General');
      formats[COLUMN.closedAt - 1] = CLOSED_AT_FORMAT;
      formats[COLUMN.revision - 1] = '0';
      formats[COLUMN.plan - 1] = unit;
      formats[COLUMN.actual - 1] = unit;
      formats[COLUMN.achievement - 1] = NUMBER_FORMAT.rate;
      formats[COLUMN.recoverable - 1] = kgiFormat;
      return [{ cells, formats }];
    });
    const rows = { row: past.length + 1, column: 1, rows: written.length, columns: width };
    workbook.ensureRows(history, past.length + written.length);
    // Formats first: a row killed between the two calls is blank, never a bare serial number.
    workbook.setNumberFormats(
      history,
      rows,
      written.map((w) => w.formats),
    );
    workbook.setContents(
      history,
      rows,
      written.map((w) => w.cells),
    );

    // Recorded first, then said so: "Closed through" never runs ahead of History.
    const latest = latestRecorded(contents.monthLabels, new Set([...recorded, label]));
    const through = contents.monthLabels[latest - 1];
    if (contents.closedThrough !== through)
      workbook.setContents(sheetName, cellRange(closedThrough.row, closedThrough.column), [[plain(through)]]);
    return { closed: true, month: label, revision, period: label };
  });
}
