import type { Lang } from '../core/i18n';
import { planTree, withInputs } from '../core/plan';
import { layoutTreeSheet, type KeptRow, type SheetTag } from '../core/sheet/layout';
import type { GridRange, SheetPlan } from '../core/sheet/plan';
import { readTreeSheet, type TreeSheetContents } from '../core/sheet/readBack';
import type { Template } from '../core/templates';
import type { Vocabulary } from '../core/vocabulary';
import type { NodeDef, Tree } from '../core/tree';
import type { BuildRequest, BuildResult, TreeRef } from '../rpc';
import type { ExistingRule, SheetGateway } from './gateway';
import { refuse } from './refusals';

/**
 * Building and updating KPI-tree sheets, holding the document lock. A build writes into a new
 * sheet and an update into a fresh copy that replaces the old one only once complete, so a
 * failure part-way leaves no half-built sheet behind.
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

/** A sheet name not yet taken: `New business`, `New business (2)`, … */
export function uniqueSheetName(base: string, taken: readonly string[]): string {
  const clean = base.replace(/[[\]*?/\\:]/g, ' ').trim().slice(0, 90) || 'KPI tree';
  if (!taken.includes(clean)) return clean;
  for (let n = 2; ; n++) if (!taken.includes(`${clean} (${n})`)) return `${clean} (${n})`;
}

/** Named ranges are workbook-wide: a short stable suffix from the sheet's name keeps them apart. */
export function nameSuffix(sheetName: string): string {
  let hash = 0;
  for (const ch of sheetName) hash = (Math.imul(hash, 31) + ch.codePointAt(0)!) >>> 0;
  return hash.toString(36);
}

/** Fiscal months that have ended by `today`: their blank actuals are flagged as missing. */
export function monthsElapsed(today: Date, fiscalYear: number, startMonth: number): number {
  const months = (today.getFullYear() - fiscalYear) * 12 + (today.getMonth() + 1 - startMonth);
  return Math.max(0, Math.min(12, months));
}

/** One batched call per property, whatever the size of the tree. */
function applyPlan(workbook: SheetGateway, sheet: string, plan: SheetPlan, keptRules: readonly ExistingRule[]): void {
  const all: GridRange = { row: 1, column: 1, rows: plan.rows, columns: plan.columns };
  // Formats first: a plain-text cell then takes its label (`2026-04`) as text, not as a date.
  workbook.setNumberFormats(sheet, all, plan.numberFormats);
  workbook.setContents(sheet, all, plan.contents);
  workbook.setBackgrounds(sheet, all, plan.backgrounds);
  workbook.setFontWeights(sheet, all, plan.fontWeights);
  workbook.setFontColors(sheet, all, plan.fontColors);
  workbook.setNotes(sheet, all, plan.notes);
  workbook.setValidations(sheet, all, plan.validations);
  workbook.setConditionalRules(sheet, plan.rules, keptRules);
  workbook.protectExcept(sheet, plan.inputs, plan.protectionNote);
  for (const named of plan.names) workbook.setNamedRange(named.name, sheet, named.range);
  workbook.setLayout(sheet, plan.layout);
  workbook.setCharts(sheet, plan.charts);
  workbook.tagSheet(sheet, plan.tag);
}

/** Writes a plan into a new sheet; on any failure the new sheet is removed again. */
export function writeNewSheet(workbook: SheetGateway, name: string, plan: SheetPlan, keptRules: readonly ExistingRule[]): void {
  workbook.insertSheet(name, plan.rows, plan.columns);
  try {
    applyPlan(workbook, name, plan, keptRules);
  } catch (error) {
    workbook.deleteSheet(name);
    throw error;
  }
}

export function locked<T>(workbook: SheetGateway, vocabulary: Vocabulary, work: () => T): T {
  const outcome = workbook.withDocumentLock(work);
  if (!outcome.ran) refuse(vocabulary, 'busy');
  return outcome.result;
}

export interface PlanInput {
  readonly vocabulary: Vocabulary;
  readonly template: Template;
  readonly added: readonly NodeDef[];
  readonly request: BuildRequest;
  readonly sheetName: string;
  readonly weights: readonly number[];
  readonly closedMonths: number;
  readonly period: string | null;
  readonly kept: ReadonlyMap<string, KeptRow>;
  readonly planInputs: Readonly<Record<string, number>>;
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
    nameSuffix: nameSuffix(input.sheetName),
    kept: input.kept,
  });
}

export function buildTreeSheet(workbook: SheetGateway, vocabulary: Vocabulary, request: BuildRequest, today: Date): BuildResult {
  const template = templateOf(vocabulary, request.templateId);
  const weights = checkRequest(vocabulary, request);
  return locked(workbook, vocabulary, () => {
    const sheetName = uniqueSheetName(template.name[request.lang], workbook.sheetNames());
    const plan = planSheet({
      vocabulary, template, added: [], request, sheetName, weights,
      closedMonths: monthsElapsed(today, request.fiscalYear, request.startMonth),
      period: null, kept: new Map(), planInputs: {},
    });
    writeNewSheet(workbook, sheetName, plan, []);
    workbook.activate(sheetName);
    const sheetId = workbook.sheetId(sheetName);
    return { sheetName, sheetId, url: `${workbook.url()}#gid=${sheetId}` };
  });
}

function treeTag(workbook: SheetGateway, sheet: string): SheetTag | null {
  const raw = workbook.readSheetTag(sheet);
  if (raw === null) return null;
  try {
    const tag = JSON.parse(raw) as Partial<SheetTag>;
    return tag.app === 'kpi-tree' && typeof tag.templateId === 'string' ? { ...(tag as SheetTag), added: tag.added ?? [] } : null;
  } catch {
    return null;
  }
}

export function listTrees(workbook: SheetGateway): TreeRef[] {
  return workbook.sheetNames().flatMap((sheetName) => {
    const tag = treeTag(workbook, sheetName);
    return tag ? [{ sheetName, templateId: tag.templateId }] : [];
  });
}


/** Typed values for nodes the tree no longer has are left behind. */
const inputsFor = (tree: Tree, typed: Readonly<Record<string, number>>) => {
  const ids = new Set(tree.nodes.map((n) => n.id));
  return Object.fromEntries(Object.entries(typed).filter(([id]) => ids.has(id)));
};

/** A tree sheet as the workbook holds it: its template, added nodes and what people typed. */
export function readTree(workbook: SheetGateway, vocabulary: Vocabulary, sheetName: string) {
  const tag = workbook.sheetNames().includes(sheetName) ? treeTag(workbook, sheetName) : null;
  const contents = tag ? readTreeSheet(workbook.readValues(sheetName)) : null;
  const template = tag ? vocabulary.templates.find((t) => t.id === tag.templateId) : undefined;
  if (!tag || !contents || !template) refuse(vocabulary, 'notATree', 'sheet', { sheet: sheetName });
  const tree = { nodes: [...template.nodes, ...tag.added] };
  return { tag, template, contents, tree: withInputs(tree, inputsFor(tree, contents.planInputs)) };
}

export interface UpdateRequest {
  readonly lang?: Lang;
  readonly kgi?: number;
  /** Only the planned values to change; everything typed in the sheet is kept. */
  readonly inputs?: Readonly<Record<string, number>>;
  readonly fiscalYear?: number;
  readonly startMonth?: number;
  readonly seasonality?: readonly number[] | null;
  /** Nodes to add under existing ones, e.g. a process KPI from the catalogue. */
  readonly addNodes?: readonly NodeDef[];
}

/**
 * Rebuilds a tree sheet from its template (new defaults, added nodes, another fiscal year),
 * keeping every actual, owner, note and planned value people typed, found by node id. The
 * changes may be worked out from the tree as it stands, inside the lock.
 */
export function updateTreeSheet(
  workbook: SheetGateway, vocabulary: Vocabulary, sheetName: string,
  update: UpdateRequest | ((tree: Tree) => UpdateRequest) = {},
): BuildResult {
  return locked(workbook, vocabulary, () => {
    const { tag, template, contents, tree } = readTree(workbook, vocabulary, sheetName);
    const changes = typeof update === 'function' ? update(tree) : update;
    const adding = changes.addNodes ?? [];
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
    const plan = planSheet({
      vocabulary, template, added: [...tag.added, ...adding], request, sheetName, weights: checkRequest(vocabulary, request),
      closedMonths: contents.closedMonths,
      period: contents.period,
      kept: contents.rows,
      planInputs: contents.planInputs,
    });
    const ours = plan.rules.flatMap((rule) => rule.ranges);
    const keptRules = workbook.readConditionalRules(sheetName).filter((rule) => !rule.ranges.some((r) => ours.some((o) => overlaps(r, o))));
    const index = workbook.sheetIndex(sheetName);
    const protection = vocabulary.words[request.lang].ownerProtection;
    const ownersOnly = workbook.hasRowProtections(sheetName, protection);
    const staging = uniqueSheetName(`${sheetName} ~`, workbook.sheetNames());
    writeNewSheet(workbook, staging, plan, keptRules);
    workbook.deleteSheet(sheetName);
    workbook.renameSheet(staging, sheetName, index);
    // Owners' row protection, when on, goes with the rows onto the new sheet.
    if (ownersOnly) protectOwnerRows(workbook, sheetName, readTreeSheet(workbook.readValues(sheetName))!, protection);
    workbook.activate(sheetName);
    const sheetId = workbook.sheetId(sheetName);
    return { sheetName, sheetId, url: `${workbook.url()}#gid=${sheetId}` };
  });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Protects the inputs of each row whose owner is an email, so that only they edit them. */
export function protectOwnerRows(workbook: SheetGateway, sheetName: string, contents: TreeSheetContents, description: string): number {
  const col = (key: string) => contents.columns.get(key)!;
  const rows = [...contents.rows.values()].filter((row) => EMAIL.test(String(row.owner).trim()));
  workbook.protectRows(sheetName, rows.map((row) => ({
    ranges: [
      { row: row.row, column: col('owner'), rows: 1, columns: col('plan_input') - col('owner') + 1 },
      { row: row.row, column: col('actual_1'), rows: 1, columns: 12 },
    ],
    editors: [String(row.owner).trim()],
  })), description);
  return rows.length;
}

const overlaps = (a: GridRange, b: GridRange) =>
  a.row < b.row + b.rows && b.row < a.row + a.rows && a.column < b.column + b.columns && b.column < a.column + a.columns;
