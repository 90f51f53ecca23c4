import { planTree, withInputs } from '../core/plan';
import { layoutTreeSheet, type Placement } from '../core/sheet/layout';
import { ROW, RULE_COLOURS, type KeptRow, type SheetTag } from '../core/sheet/schema';
import type { CellContent, GridRange, ReadValue, SheetPlan } from '../core/sheet/plan';
import { readTreeSheet, type TreeSheetContents } from '../core/sheet/readBack';
import { covering, rectangles, slice } from '../core/sheet/writes';
import type { Template } from '../core/templates';
import type { Vocabulary } from '../core/vocabulary';
import { orderTree, type NodeDef, type Tree } from '../core/tree';
import type { BuildRequest, BuildResult, TreeRef, TreeUpdate } from '../rpc';
import type { SheetGateway } from './gateway';
import { refuse } from './refusals';

/**
 * Building and updating KPI-tree sheets, holding the document lock. A build writes a new sheet
 * that becomes a tree only once complete; an update changes the tree sheet in place and never
 * rewrites what people typed.
 */

function templateOf(vocabulary: Vocabulary, id: string): Template {
  return vocabulary.templates.find((t) => t.id === id) ?? refuse(vocabulary, 'unknownTemplate', 'templateId', { id });
}

/** Checks what the planner asked for; the tree and the KGI are checked by the planner itself. */
function checkRequest(vocabulary: Vocabulary, request: BuildRequest): number[] {
  const { fiscalYear, startMonth, seasonality } = request;
  if (!Number.isInteger(fiscalYear) || fiscalYear < 2000 || fiscalYear > 2100) {
    refuse(vocabulary, 'fiscalYear', 'fiscalYear', { value: fiscalYear });
  }
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) {
    refuse(vocabulary, 'startMonth', 'startMonth', { value: startMonth });
  }
  if (seasonality === null) return Array<number>(12).fill(1);
  if (seasonality.length !== 12 || seasonality.some((w) => !Number.isFinite(w) || w < 0) || seasonality.every((w) => w === 0)) {
    refuse(vocabulary, 'seasonality', 'seasonality');
  }
  return [...seasonality];
}

/** A sheet name not yet taken, as Sheets compares them (ignoring case): `New business`, `New business (2)`, … */
export function uniqueSheetName(base: string, taken: readonly string[]): string {
  const clean = base.replace(/[[\]*?/\\:]/g, ' ').trim().slice(0, 90) || 'KPI tree';
  const names = new Set(taken.map((name) => name.toLowerCase()));
  if (!names.has(clean.toLowerCase())) return clean;
  for (let n = 2; ; n++) if (!names.has(`${clean} (${n})`.toLowerCase())) return `${clean} (${n})`;
}

/** A sheet being built: a run killed before it is complete leaves it tagged so, and the next run removes it. */
const PENDING_TAG = JSON.stringify({ app: 'kpi-tree', pending: true });

/** One batched call per property over the whole new sheet; formats first (plain-text labels stay text). */
function writeWhole(workbook: SheetGateway, sheet: string, plan: SheetPlan): void {
  const all: GridRange = { row: 1, column: 1, rows: plan.rows, columns: plan.columns };
  workbook.setNumberFormats(sheet, all, plan.numberFormats);
  workbook.setContents(sheet, all, plan.contents);
  workbook.setBackgrounds(sheet, all, plan.backgrounds);
  workbook.setFontWeights(sheet, all, plan.fontWeights);
  workbook.setFontColors(sheet, all, plan.fontColors);
  workbook.setNotes(sheet, all, plan.notes);
  workbook.setValidations(sheet, all, plan.validations);
  workbook.setConditionalRules(sheet, plan.rules, []);
  workbook.protectExcept(sheet, covering(plan.inputs), plan.protectionNote);
  workbook.setNamedRanges(sheet, plan.names);
  workbook.setLayout(sheet, plan.layout);
  workbook.addCharts(sheet, plan.charts);
}

/**
 * Writes a plan into a new sheet, tagged as a tree only once complete: a run killed part-way
 * leaves a pending sheet the next run removes, and a failure removes it at once.
 */
export function writeNewSheet(workbook: SheetGateway, name: string, plan: SheetPlan): void {
  workbook.insertSheet(name, plan.rows, plan.columns);
  try {
    workbook.tagSheet(name, PENDING_TAG);
    writeWhole(workbook, name, plan);
    workbook.tagSheet(name, plan.tag);
  } catch (error) {
    workbook.deleteSheet(name);
    throw error;
  }
}

/** Holds the document lock; the run first removes what a killed run left half-built. */
export function locked<T>(workbook: SheetGateway, vocabulary: Vocabulary, work: () => T): T {
  const outcome = workbook.withDocumentLock(() => {
    for (const { sheet, tag } of workbook.taggedSheets()) if (tag === PENDING_TAG) workbook.deleteSheet(sheet);
    return work();
  });
  if (!outcome.ran) refuse(vocabulary, 'busy');
  return outcome.result;
}

export interface PlanInput {
  readonly vocabulary: Vocabulary;
  readonly template: Template;
  readonly added: readonly NodeDef[];
  readonly request: BuildRequest;
  readonly weights: readonly number[];
  readonly closedMonths: number;
  readonly period: string | null;
  readonly kept: ReadonlyMap<string, KeptRow>;
  readonly planInputs: Readonly<Record<string, number>>;
  readonly ownerProtection?: boolean;
  readonly placement?: Placement;
}

export function planSheet(input: PlanInput): SheetPlan {
  const { template, request } = input;
  const tree = { nodes: [...template.nodes, ...input.added] };
  const inputs = { ...inputsFor(tree, input.planInputs), ...request.inputs };
  planTree(tree, request.kgi, inputs); // refuses a bad KGI or tree before anything is written
  return layoutTreeSheet({
    templateId: template.id,
    title: template.name[request.lang],
    tree: withInputs(tree, inputs),
    words: input.vocabulary.words[request.lang],
    added: input.added,
    lang: request.lang,
    kgi: request.kgi,
    fiscalYear: request.fiscalYear,
    startMonth: request.startMonth,
    weights: input.weights,
    closedMonths: input.closedMonths,
    period: input.period,
    kept: input.kept,
    ownerProtection: input.ownerProtection ?? false,
    ...(input.placement ? { placement: input.placement } : {}),
  });
}

/** What a build or an update hands back: the sheet and a link to it. */
export function opened(workbook: SheetGateway, sheetName: string): BuildResult {
  workbook.activate(sheetName);
  const sheetId = workbook.sheetId(sheetName);
  return { sheetName, sheetId, url: `${workbook.url()}#gid=${sheetId}` };
}

/** Fiscal months that have ended by `today` in the spreadsheet's time zone: their blank actuals are flagged. */
export function monthsElapsed(workbook: SheetGateway, today: Date, fiscalYear: number, startMonth: number): number {
  const [year, month] = workbook.formatDate(today, 'yyyy-MM').split('-').map(Number);
  return Math.max(0, Math.min(12, (year - fiscalYear) * 12 + (month - startMonth)));
}

export function buildTreeSheet(workbook: SheetGateway, vocabulary: Vocabulary, request: BuildRequest, today: Date): BuildResult {
  const template = templateOf(vocabulary, request.templateId);
  const weights = checkRequest(vocabulary, request);
  return locked(workbook, vocabulary, () => {
    const sheetName = uniqueSheetName(template.name[request.lang], workbook.sheetNames());
    const plan = planSheet({
      vocabulary, template, added: [], request, weights,
      closedMonths: monthsElapsed(workbook, today, request.fiscalYear, request.startMonth),
      period: null, kept: new Map(), planInputs: {},
    });
    writeNewSheet(workbook, sheetName, plan);
    return opened(workbook, sheetName);
  });
}

function parseTag(raw: string): SheetTag | null {
  try {
    const tag = JSON.parse(raw) as Partial<SheetTag>;
    return tag.app === 'kpi-tree' && typeof tag.templateId === 'string' ? { ...(tag as SheetTag), added: tag.added ?? [] } : null;
  } catch {
    return null;
  }
}

/** The tree sheets of the workbook, found by their tags (one call), whatever their names now. */
export function treeTags(workbook: SheetGateway): Map<string, SheetTag> {
  const trees = new Map<string, SheetTag>();
  for (const { sheet, tag } of workbook.taggedSheets()) {
    const parsed = parseTag(tag);
    if (parsed) trees.set(sheet, parsed);
  }
  return trees;
}

export function listTrees(workbook: SheetGateway): TreeRef[] {
  return [...treeTags(workbook)].map(([sheetName, tag]) => ({
    sheetName, templateId: tag.templateId, lang: tag.lang, fiscalYear: tag.fiscalYear ?? null,
  }));
}

/** Typed values for nodes the tree no longer has are left behind. */
const inputsFor = (tree: Tree, typed: Readonly<Record<string, number>>) => {
  const ids = new Set(tree.nodes.map((n) => n.id));
  return Object.fromEntries(Object.entries(typed).filter(([id]) => ids.has(id)));
};

/** A tree sheet as the workbook holds it: its template, added nodes and what people typed. */
export function readTree(workbook: SheetGateway, vocabulary: Vocabulary, sheetName: string) {
  const tag = treeTags(workbook).get(sheetName);
  const contents = tag ? readTreeSheet(workbook.readValues(sheetName)) : null;
  const template = tag ? vocabulary.templates.find((t) => t.id === tag.templateId) : undefined;
  if (!tag || !template) refuse(vocabulary, 'notATree', 'sheet', { sheet: sheetName });
  if (!contents) refuse(vocabulary, 'keyRowLost', 'sheet', { sheet: sheetName });
  const tree = { nodes: [...template.nodes, ...tag.added] };
  return { tag, template, contents, tree: withInputs(tree, inputsFor(tree, contents.planInputs)) };
}

export interface UpdateRequest extends TreeUpdate {
  /** Nodes to add under existing ones, e.g. a process KPI from the catalogue. */
  readonly addNodes?: readonly NodeDef[];
}

/**
 * Updates a tree sheet in place: same sheet, same id. Rows of added nodes are inserted and rows
 * of nodes the template dropped deleted with Sheets' own row operations, so references from
 * elsewhere move with them; then only the cells the add-on owns that differ are rewritten.
 * Input cells (actuals, owners, notes, planned values, the KGI, weights) are never rewritten
 * from what was read: a formula a person typed stays a formula, and an edit made while the
 * update runs is kept. Only the values the update itself changes are written into inputs.
 */
export function updateTreeSheet(
  workbook: SheetGateway, vocabulary: Vocabulary, sheetName: string,
  update: UpdateRequest | ((tree: Tree) => UpdateRequest) = {},
): BuildResult {
  return locked(workbook, vocabulary, () => {
    const { tag, template, contents, tree } = readTree(workbook, vocabulary, sheetName);
    if (!contents.frameInPlace) refuse(vocabulary, 'frameMoved', 'sheet', { sheet: sheetName });
    if (contents.rows.size === 0) refuse(vocabulary, 'keysCleared', 'sheet', { sheet: sheetName });
    const changes = typeof update === 'function' ? update(tree) : update;
    const weights = contents.weights.every((w) => w !== null) ? (contents.weights as number[]) : null;
    const request: BuildRequest = {
      templateId: template.id,
      lang: changes.lang ?? tag.lang,
      kgi: changes.kgi ?? contents.kgi ?? template.kgi,
      inputs: changes.inputs ?? {},
      fiscalYear: changes.fiscalYear ?? contents.fiscalYear ?? NaN,
      startMonth: changes.startMonth ?? contents.startMonth ?? NaN,
      seasonality: changes.seasonality === undefined ? weights : changes.seasonality,
    };
    const base = {
      vocabulary, template, added: [...tag.added, ...(changes.addNodes ?? [])], request,
      weights: checkRequest(vocabulary, request),
      closedMonths: contents.closedMonths, period: contents.period, kept: new Map<string, KeptRow>(),
      planInputs: contents.planInputs, ownerProtection: tag.ownerProtection ?? false,
    };
    // Checked in full before anything is written; the tag goes first, so a run killed later
    // leaves a tree whose missing rows the next update adds.
    const tagged = planSheet(base);
    workbook.tagSheet(sheetName, tagged.tag);

    const placement = placeRows(workbook, sheetName, contents, orderTree(withInputs({ nodes: [...tree.nodes, ...(changes.addNodes ?? [])] }, request.inputs)).map((n) => n.id));
    const plan = planSheet({ ...base, placement });
    workbook.ensureRows(sheetName, plan.rows);
    // Another language restyles every row: validation help is in the tree's language.
    const restyled = request.lang === tag.lang ? placement.fresh : new Set(plan.ownedRows);
    writeChanges(workbook, sheetName, plan, placement.fresh, restyled, requestedInputs(plan, contents, changes, placement.rows));
    return opened(workbook, sheetName);
  });
}

/**
 * Rows for the tree as it now stands: a node the sheet has no row for gets one inserted after
 * the row of the node before it in tree order; rows of nodes the tree no longer has go.
 */
function placeRows(workbook: SheetGateway, sheetName: string, contents: TreeSheetContents, order: readonly string[]) {
  const rows = new Map([...contents.rows].map(([id, r]) => [id, r.row]));
  let chartTop = contents.chartTop ?? Math.max(...rows.values()) + 2;
  const shift = (from: number, by: number) => {
    for (const [id, row] of rows) if (row >= from) rows.set(id, row + by);
    if (chartTop >= from) chartTop += by;
  };
  const wanted = new Set(order);
  for (const [id, row] of [...rows].sort((a, b) => b[1] - a[1])) {
    if (wanted.has(id)) continue;
    workbook.deleteRows(sheetName, row, 1);
    rows.delete(id);
    shift(row + 1, -1);
  }
  const added: string[] = [];
  order.forEach((id, i) => {
    if (rows.has(id)) return;
    const after = i === 0 ? ROW.header : rows.get(order[i - 1])!;
    workbook.insertRowsAfter(sheetName, after, 1);
    shift(after + 1, 1);
    rows.set(id, after + 1);
    added.push(id);
  });
  const fresh = new Set(added.map((id) => rows.get(id)!));
  return { rows, chartTop, fresh };
}

/** Input cells the update itself changes: a new KGI, planned values, weights, a period the new months lack. */
function requestedInputs(plan: SheetPlan, contents: TreeSheetContents, changes: UpdateRequest, rows: ReadonlyMap<string, number>): Set<string> {
  const cells = new Set<string>();
  const at = (row: number, column: number) => cells.add(`${row},${column}`);
  const { kgi, weights, period, closedThrough } = contents.settings;
  if (changes.kgi !== undefined && changes.kgi !== contents.kgi) at(kgi.row, kgi.column);
  for (const [id, value] of Object.entries(changes.inputs ?? {})) {
    if (contents.planInputs[id] !== value && rows.has(id)) at(rows.get(id)!, contents.columns.get('plan_input')!);
  }
  if (changes.seasonality !== undefined) for (let m = 0; m < 12; m++) at(weights.row, weights.column + m);
  // A period or closed month the sheet's lists no longer hold (another language or fiscal year).
  for (const [{ row, column }, current] of [[period, contents.period], [closedThrough, contents.closedThrough]] as const) {
    const listed = plan.validations[row - 1][column - 1];
    if (listed?.kind === 'list' && !listed.values.includes(current)) at(row, column);
  }
  return cells;
}

const sameContent = (content: CellContent, value: ReadValue | undefined, formula: string | undefined): boolean => {
  const f = formula ?? '';
  if (content === null) return (value ?? '') === '' && f === '';
  if ('formula' in content) return f === content.formula;
  return f === '' && value === ('text' in content ? content.text : content.number);
};

/**
 * Writes what differs: the add-on's own cells whose content the sheet does not already hold,
 * whole rows for new nodes, and the inputs the update changes. Formats, colours, notes and
 * validation go to the header rows and the restyled rows (new ones, or all for another
 * language); other rows keep theirs (and a person's).
 */
function writeChanges(
  workbook: SheetGateway, sheet: string, plan: SheetPlan,
  fresh: ReadonlySet<number>, restyled: ReadonlySet<number>, requested: ReadonlySet<string>,
): void {
  const inputs = new Set<string>();
  for (const r of plan.inputs) for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.columns; j++) inputs.add(`${r.row + i},${r.column + j}`);
  const values = workbook.readValues(sheet);
  const formulas = workbook.readFormulas(sheet);
  const owned = (row: number, column: number) => fresh.has(row) || requested.has(`${row},${column}`) || !inputs.has(`${row},${column}`);
  const differs = (row: number, column: number) => fresh.has(row) || requested.has(`${row},${column}`)
    || !sameContent(plan.contents[row - 1][column - 1], values[row - 1]?.[column - 1], formulas[row - 1]?.[column - 1]);

  // The frame and new rows: formats first, so plain-text labels go in as text.
  const styled = rectangles([...Array.from({ length: ROW.header }, (_, i) => i + 1), ...restyled], plan.columns, () => true, () => true);
  for (const range of styled) workbook.setNumberFormats(sheet, range, slice(plan.numberFormats, range));
  for (const range of rectangles(plan.ownedRows, plan.columns, differs, owned)) workbook.setContents(sheet, range, slice(plan.contents, range));
  for (const range of styled) {
    workbook.setBackgrounds(sheet, range, slice(plan.backgrounds, range));
    workbook.setFontWeights(sheet, range, slice(plan.fontWeights, range));
    workbook.setFontColors(sheet, range, slice(plan.fontColors, range));
    workbook.setValidations(sheet, range, slice(plan.validations, range));
  }
  const header = { row: ROW.header, column: 1, rows: 1, columns: plan.columns };
  workbook.setNotes(sheet, header, slice(plan.notes, header));

  // The add-on's rules (its palette) are replaced; a person's own stay.
  const theirs = workbook.readConditionalRules(sheet).filter((rule) => rule.background === null || !RULE_COLOURS.has(rule.background.toLowerCase()));
  workbook.setConditionalRules(sheet, plan.rules, theirs);
  workbook.protectExcept(sheet, covering(plan.inputs), plan.protectionNote);
  workbook.setNamedRanges(sheet, plan.names);
}
