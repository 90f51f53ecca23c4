import type { Lang } from '../core/i18n';
import { type CellContent, cellRange } from '../core/sheet/draft';
import { fill } from '../core/sheet/labels';
import { readTreeSheet, type TreeSheetContents } from '../core/sheet/readBack';
import { isTyped, orderTree } from '../core/tree';
import type { Vocabulary } from '../core/vocabulary';
import type { CloseMonthResult, MissingInput } from '../rpc';
import type { SheetGateway } from './gateway';
import { checkWritable } from './ownerProtection';
import { refuse } from './refusals';
import { locked, readTree, uniqueSheetName } from './trees';

/**
 * Closing a month: its figures appended to the append-only History, the period selector moved
 * on. Holds the document lock.
 */

const HISTORY_TAG = JSON.stringify({ app: 'kpi-tree', history: 1 });

const text = (value: string): CellContent => ({ text: value });
/** The period and closed-month cells are plain text: their labels go in as they are. */
const plain = (value: string): CellContent => ({ text: value, plain: true });
const numberOrBlank = (value: unknown): CellContent => (typeof value === 'number' ? { number: value } : null);

/** History is found by its tag, not its name, so renaming it keeps it. */
const findHistory = (workbook: SheetGateway): string | undefined => workbook.taggedSheets().find((t) => t.tag === HISTORY_TAG)?.sheet;

function createHistory(workbook: SheetGateway, vocabulary: Vocabulary, lang: Lang): string {
  const words = vocabulary.words[lang];
  const name = uniqueSheetName(words.history.sheet, workbook.sheetNames());
  workbook.insertSheet(name, 1, words.history.headers.length);
  workbook.tagSheet(name, HISTORY_TAG);
  const headers = words.history.headers;
  workbook.setContents(name, { row: 1, column: 1, rows: 1, columns: headers.length }, [headers.map(text)]);
  workbook.setFontWeights(name, { row: 1, column: 1, rows: 1, columns: headers.length }, [headers.map(() => 'bold' as const)]);
  return name;
}

/**
 * The month a close records when none is named: the earliest month up to the one after the
 * last closed that History does not hold yet for this sheet (a tree built mid-year has months
 * due but never recorded), else the one after the last closed, or the last again.
 */
export function nextToClose(contents: TreeSheetContents, recorded: ReadonlySet<string>): number {
  const limit = Math.min(contents.closedMonths + 1, 12);
  for (let m = 1; m <= limit; m++) if (!recorded.has(contents.monthLabels[m - 1])) return m;
  return limit;
}

/** The months History holds for a tree sheet. */
export function recordedMonths(workbook: SheetGateway, sheetName: string): Set<string> {
  const history = findHistory(workbook);
  const rows = history ? workbook.readValues(history) : [];
  return new Set(rows.filter((r) => r[1] === sheetName).map((r) => String(r[2])));
}

/**
 * Closes a month: appends every node's plan, actual, achievement and the bottleneck for that
 * month to History, never rewriting a past row (closing a month again records a revision), then
 * moves the period selector on. Blank actuals refuse the close until the person confirms.
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
    const month =
      named === undefined ? nextToClose(contents, recordedMonths(workbook, sheetName)) : contents.monthLabels.indexOf(named) + 1;
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
    const existingHistory = findHistory(workbook);
    const past = existingHistory ? workbook.readValues(existingHistory) : [];
    const width = words.history.headers.length;
    checkWritable(workbook, vocabulary, sheetName, contents, [
      cellRange(periodCell.row, periodCell.column),
      cellRange(closedThrough.row, closedThrough.column),
    ]);
    if (existingHistory)
      checkWritable(workbook, vocabulary, existingHistory, null, [{ row: past.length + 1, column: 1, rows: nodes.length, columns: width }]);

    // Select the month so the sheet's own formulas give its figures and its bottleneck.
    const latest = Math.max(contents.closedMonths, month);
    workbook.setContents(sheetName, cellRange(periodCell.row, periodCell.column), [[plain(label)]]);
    workbook.setContents(sheetName, cellRange(closedThrough.row, closedThrough.column), [[plain(contents.monthLabels[latest - 1])]]);
    const figures = readTreeSheet(workbook.readValues(sheetName))!;

    const history = existingHistory ?? createHistory(workbook, vocabulary, tag.lang);
    // Inserting a sheet makes it the active one: the manager stays on the tree.
    if (!existingHistory) workbook.activate(sheetName);
    if (!existingHistory) past.push(...workbook.readValues(history));
    const revision = 1 + past.filter((r) => r[1] === sheetName && r[2] === label).reduce((max, r) => Math.max(max, Number(r[3]) || 0), 0);
    // When it was closed, as people read it where the spreadsheet is (not where the script runs).
    const closedAt = workbook.formatDate(now, 'yyyy-MM-dd HH:mm');
    const rows = nodes.flatMap((node): CellContent[][] => {
      const row = figures.rows.get(node.id);
      if (!row) return [];
      const v = row.values;
      return [
        [
          text(closedAt),
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
        ],
      ];
    });
    workbook.ensureRows(history, past.length + rows.length);
    workbook.setContents(history, { row: past.length + 1, column: 1, rows: rows.length, columns: width }, rows);

    // The period moves on to the month after the latest closed.
    const period = latest < 12 ? contents.monthLabels[latest] : words.ytd;
    workbook.setContents(sheetName, cellRange(periodCell.row, periodCell.column), [[plain(period)]]);
    return { closed: true, month: label, revision, period };
  });
}
