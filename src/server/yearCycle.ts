import type { Lang, Localized } from '../core/i18n';
import { makeRoomFor, planTree } from '../core/plan';
import type { KeptRow } from '../core/sheet/schema';
import type { CellContent, GridRange } from '../core/sheet/plan';
import { readTreeSheet, type TreeSheetContents } from '../core/sheet/readBack';
import { fill } from '../core/sheet/labels';
import type { Vocabulary } from '../core/vocabulary';
import { isTyped, orderTree, type Tree } from '../core/tree';
import type { BuildResult, CloseMonthResult, MissingInput, NewProcessKpi, WhatIfChange } from '../rpc';
import type { SheetGateway } from './gateway';
import { checkWritable } from './ownerProtection';
import { refuse } from './refusals';
import {
  locked, monthsElapsed, opened, planSheet, readTree, treeTags, uniqueSheetName, updateTreeSheet, writeNewSheet, type UpdateRequest,
} from './treeSheets';

/**
 * The monthly cycle of a tree sheet: closing a month into History, what-if applied to the
 * planned values, process KPIs added, and next year's tree. Each holds the document lock.
 */

const HISTORY_TAG = JSON.stringify({ app: 'kpi-tree', history: 1 });

const one = (row: number, column: number): GridRange => ({ row, column, rows: 1, columns: 1 });
const text = (value: string): CellContent => ({ text: value });
/** The period and closed-month cells are plain text: their labels go in as they are. */
const plain = (value: string): CellContent => ({ text: value, plain: true });
const numberOrBlank = (value: unknown): CellContent => (typeof value === 'number' ? { number: value } : null);

/** History is found by its tag, not its name, so renaming it keeps it. */
const findHistory = (workbook: SheetGateway): string | undefined =>
  workbook.taggedSheets().find((t) => t.tag === HISTORY_TAG)?.sheet;

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
  workbook: SheetGateway, vocabulary: Vocabulary, sheetName: string, confirmBlank: boolean, now: Date, named?: string,
): CloseMonthResult {
  return locked(workbook, vocabulary, () => {
    const { tag, tree, contents } = readTree(workbook, vocabulary, sheetName);
    const words = vocabulary.words[tag.lang];
    const nodes = orderTree(tree);
    const month = named === undefined
      ? nextToClose(contents, recordedMonths(workbook, sheetName))
      : contents.monthLabels.indexOf(named) + 1;
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
      return {
        closed: false, month: label, missing,
        text: {
          en: `${label} still has ${count} blank actual${count === 1 ? '' : 's'}. Fill them in, or confirm to close the month anyway.`,
          ja: `${label} は実績が ${count} 件未入力です。入力するか、このまま締める場合は確認してください。`,
        },
      };
    }

    // Every cell the close writes must be writable before the first is written.
    const { period: periodCell, closedThrough } = contents.settings;
    const existingHistory = findHistory(workbook);
    const past = existingHistory ? workbook.readValues(existingHistory) : [];
    const width = words.history.headers.length;
    checkWritable(workbook, vocabulary, sheetName, contents, [one(periodCell.row, periodCell.column), one(closedThrough.row, closedThrough.column)]);
    if (existingHistory) checkWritable(workbook, vocabulary, existingHistory, null, [{ row: past.length + 1, column: 1, rows: nodes.length, columns: width }]);

    // Select the month so the sheet's own formulas give its figures and its bottleneck.
    const latest = Math.max(contents.closedMonths, month);
    workbook.setContents(sheetName, one(periodCell.row, periodCell.column), [[plain(label)]]);
    workbook.setContents(sheetName, one(closedThrough.row, closedThrough.column), [[plain(contents.monthLabels[latest - 1])]]);
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
      return [[
        text(closedAt), text(sheetName), text(label), { number: revision }, text(node.id), text(String(v.label)),
        text(String(row.owner)), numberOrBlank(v.period_plan), numberOrBlank(v.period_actual),
        numberOrBlank(v.achievement), numberOrBlank(v.recoverable), text(String(v.status)),
        text(v.status === words.status.bottleneck ? '✓' : ''),
      ]];
    });
    workbook.ensureRows(history, past.length + rows.length);
    workbook.setContents(history, { row: past.length + 1, column: 1, rows: rows.length, columns: width }, rows);

    // The period moves on to the month after the latest closed.
    const period = latest < 12 ? contents.monthLabels[latest] : words.ytd;
    workbook.setContents(sheetName, one(periodCell.row, periodCell.column), [[plain(period)]]);
    return { closed: true, month: label, revision, period };
  });
}

/**
 * Starts next fiscal year's tree from this one: targets, weights, owners and added KPIs; no
 * actuals. When next year's tree of this template exists already, it is opened instead.
 */
export function rolloverYear(workbook: SheetGateway, vocabulary: Vocabulary, sheetName: string, today: Date): BuildResult {
  return locked(workbook, vocabulary, () => {
    const { tag, template, contents } = readTree(workbook, vocabulary, sheetName);
    const fiscalYear = (contents.fiscalYear ?? today.getFullYear()) + 1;
    const existing = [...treeTags(workbook)].find(([, t]) => t.templateId === template.id && t.fiscalYear === fiscalYear);
    if (existing) return opened(workbook, existing[0]);
    const startMonth = contents.startMonth ?? 4;
    const yearSheet = fill(vocabulary.words[tag.lang].yearSheet, { name: template.name[tag.lang], year: fiscalYear });
    const name = uniqueSheetName(yearSheet, workbook.sheetNames());
    const owners = new Map<string, KeptRow>(
      [...contents.rows].map(([id, row]) => [id, { owner: row.owner, note: '', actuals: Array<null>(12).fill(null) }]),
    );
    const weights = contents.weights.every((w) => w !== null) ? (contents.weights as number[]) : Array<number>(12).fill(1);
    const plan = planSheet({
      vocabulary, template, added: tag.added, weights, period: null, kept: owners, planInputs: contents.planInputs,
      closedMonths: monthsElapsed(workbook, today, fiscalYear, startMonth),
      request: { templateId: template.id, lang: tag.lang, kgi: contents.kgi ?? template.kgi, inputs: {}, fiscalYear, startMonth, seasonality: weights },
    });
    writeNewSheet(workbook, name, plan);
    return opened(workbook, name);
  });
}

/** Adds a process KPI under the node it feeds, with its own row, owner and monthly actuals. */
export function addProcessKpi(workbook: SheetGateway, vocabulary: Vocabulary, sheetName: string, kpi: NewProcessKpi): BuildResult {
  // Checked and given its id against the tree as it stands inside the update's lock.
  return updateTreeSheet(workbook, vocabulary, sheetName, (tree) => processKpiChanges(vocabulary, tree, kpi));
}

function processKpiChanges(vocabulary: Vocabulary, tree: Tree, kpi: NewProcessKpi): UpdateRequest {
  const ids = new Set(tree.nodes.map((n) => n.id));
  const parent = tree.nodes.find((n) => n.id === kpi.parent);
  if (!parent) refuse(vocabulary, 'parent', 'parent', { parent: kpi.parent });
  const label: Localized = { en: kpi.label.en.trim(), ja: kpi.label.ja.trim() };
  if (!label.en || !label.ja || label.en.length > 100 || label.ja.length > 100) {
    refuse(vocabulary, 'label', 'label');
  }
  let n = 1;
  while (ids.has(`kpi_${n}`)) n++;
  const node = { id: `kpi_${n}`, parent: parent.id, role: 'process' as const, label, definition: kpi.definition, lowerIsBetter: kpi.lowerIsBetter };
  const share = kpi.channelShare;
  if (share === undefined) {
    if (!Number.isFinite(kpi.plan) || kpi.plan < 0) {
      refuse(vocabulary, 'plan', 'plan', { value: kpi.plan });
    }
    return { addNodes: [{ ...node, kind: 'tracked', unit: 'count', plan: kpi.plan }] };
  }
  // A channel of a sum: it takes its share, and the others make room in proportion.
  if (parent.combine !== 'sum') {
    refuse(vocabulary, 'notChannels', 'channelShare', { parent: parent.label });
  }
  if (!Number.isFinite(share) || share <= 0 || share >= 1) {
    refuse(vocabulary, 'share', 'channelShare', { value: share });
  }
  const channels = tree.nodes.filter((c) => c.parent === parent.id && c.kind === 'volume');
  const shares = makeRoomFor(share, channels.map((c) => c.plan ?? 0));
  return {
    addNodes: [{ ...node, kind: 'volume', unit: parent.unit, plan: share, lowerIsBetter: false }],
    inputs: Object.fromEntries(channels.map((c, i) => [c.id, shares[i]])),
  };
}

/**
 * Writes a what-if the planner chose to apply: only the planned-value cells whose value
 * changes (a cell each; a what-if moves a few), checked by the planner first.
 */
export function applyWhatIf(workbook: SheetGateway, vocabulary: Vocabulary, sheetName: string, change: WhatIfChange): string[] {
  return locked(workbook, vocabulary, () => {
    const { tree, contents } = readTree(workbook, vocabulary, sheetName);
    const kgi = change.kgi ?? contents.kgi ?? 0;
    planTree(tree, kgi, change.inputs);
    const root = orderTree(tree)[0].id;
    const column = contents.columns.get('plan_input')!;
    const cells = Object.keys(change.inputs).filter((id) => contents.rows.has(id)).map((id) => one(contents.rows.get(id)!.row, column));
    if (change.kgi !== undefined) cells.push(one(contents.settings.kgi.row, contents.settings.kgi.column));
    checkWritable(workbook, vocabulary, sheetName, contents, cells);
    const written: string[] = [];
    for (const [id, value] of Object.entries(change.inputs)) {
      if (id === root) refuse(vocabulary, 'kgiInHeader', id);
      const row = contents.rows.get(id);
      // A node whose row a killed update has not written yet gets its value from that update's next run.
      if (contents.planInputs[id] === value || !row) continue;
      workbook.setContents(sheetName, one(row.row, column), [[{ number: value }]]);
      written.push(id);
    }
    if (change.kgi !== undefined && change.kgi !== contents.kgi) {
      workbook.setContents(sheetName, one(contents.settings.kgi.row, contents.settings.kgi.column), [[{ number: change.kgi }]]);
      written.push('kgi');
    }
    return written;
  });
}
