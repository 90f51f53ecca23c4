import { KpiError } from '../core/i18n';
import { acceptedInputs, planTree, withInputs } from '../core/plan';
import type { SheetDraft } from '../core/sheet/draft';
import { layoutTreeSheet, type Placement } from '../core/sheet/layout';
import type { DataLink } from '../core/sheet/links';
import { readTreeSheet, type TreeSheetContents } from '../core/sheet/readBack';
import type { KeptRow, SheetTag } from '../core/sheet/schema';
import type { Template } from '../core/templates';
import type { NodeDef, Tree } from '../core/tree';
import type { Vocabulary } from '../core/vocabulary';
import type { BuildRequest, BuildResult, TreeRef } from '../rpc';
import type { SheetGateway } from './gateway';
import { refuse } from './refusals';

/**
 * What every change to a tree sheet shares: the document lock, finding trees by their tags,
 * reading one back, checking a request and laying a tree out.
 */

export function templateOf(vocabulary: Vocabulary, id: string): Template {
  return vocabulary.templates.find((t) => t.id === id) ?? refuse(vocabulary, 'unknownTemplate', 'templateId', { id });
}

/** Checks what the planner asked for; the tree and the KGI are checked by the planner itself. */
export function checkRequest(vocabulary: Vocabulary, request: BuildRequest): number[] {
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
  const clean =
    base
      .replace(/[[\]*?/\\:]/g, ' ')
      .trim()
      .slice(0, 90) || 'KPI tree';
  const names = new Set(taken.map((name) => name.toLowerCase()));
  if (!names.has(clean.toLowerCase())) return clean;
  for (let n = 2; ; n++) if (!names.has(`${clean} (${n})`.toLowerCase())) return `${clean} (${n})`;
}

/** A sheet being built: a run killed before it is complete leaves it tagged so, and the next run removes it. */
export const PENDING_TAG = JSON.stringify({ app: 'kpi-tree', pending: true });

/** What Sheets says, in English or Japanese, when a protection stops a script's write. */
const PROTECTED = /protect|保護/i;

/**
 * Holds the document lock; the run first removes what a killed run left half-built. A
 * protection someone set that stops a write part-way is said as such, in the user's language
 * (inputs are never rewritten, so nothing typed is lost).
 */
export function locked<T>(workbook: SheetGateway, vocabulary: Vocabulary, work: () => T): T {
  const outcome = workbook.withDocumentLock(() => {
    for (const { sheet, tag } of workbook.taggedSheets()) if (tag === PENDING_TAG) workbook.deleteSheet(sheet);
    try {
      return work();
    } catch (error) {
      if (error instanceof KpiError || !(error instanceof Error) || !PROTECTED.test(error.message)) throw error;
      return refuse(vocabulary, 'blockedByProtection', undefined, { reason: error.message });
    }
  });
  if (!outcome.ran) refuse(vocabulary, 'busy');
  return outcome.result;
}

export interface DraftInput {
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
  readonly links?: Readonly<Record<string, DataLink>>;
}

export function draftSheet(input: DraftInput): SheetDraft {
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
    ...(input.links ? { links: input.links } : {}),
    ...(input.placement ? { placement: input.placement } : {}),
  });
}

/** What a build or an update hands back: the sheet and a link to it. */
export function opened(workbook: SheetGateway, sheetName: string): BuildResult {
  workbook.activate(sheetName);
  const sheetId = workbook.sheetId(sheetName);
  return { sheetName, sheetId, url: `${workbook.url()}#gid=${sheetId}` };
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
export function treeTags(workbook: SheetGateway, tagged = workbook.taggedSheets()): Map<string, SheetTag> {
  const trees = new Map<string, SheetTag>();
  for (const { sheet, tag } of tagged) {
    const parsed = parseTag(tag);
    if (parsed) trees.set(sheet, parsed);
  }
  return trees;
}

export function listTrees(workbook: SheetGateway): TreeRef[] {
  return [...treeTags(workbook)].map(([sheetName, tag]) => ({
    sheetName,
    templateId: tag.templateId,
    lang: tag.lang,
    fiscalYear: tag.fiscalYear ?? null,
  }));
}

/** Typed values for nodes the tree no longer has are left behind. */
const inputsFor = (tree: Tree, typed: Readonly<Record<string, number>>) => {
  const ids = new Set(tree.nodes.map((n) => n.id));
  return Object.fromEntries(Object.entries(typed).filter(([id]) => ids.has(id)));
};

/**
 * A tree sheet as the workbook holds it: its template, added nodes and what people typed. An
 * input the tree refuses is left out of `tree` (the sheet says "check input" on its row), so
 * reading the status or closing a month still works; a change to the tree refuses it by name.
 */
export function readTree(workbook: SheetGateway, vocabulary: Vocabulary, sheetName: string, tags = treeTags(workbook)) {
  const tag = tags.get(sheetName);
  const contents = tag ? readTreeSheet(workbook.readValues(sheetName)) : null;
  const template = tag ? vocabulary.templates.find((t) => t.id === tag.templateId) : undefined;
  if (!tag || !template) refuse(vocabulary, 'notATree', 'sheet', { sheet: sheetName });
  if (!contents) refuse(vocabulary, 'keyRowLost', 'sheet', { sheet: sheetName });
  const tree = { nodes: [...template.nodes, ...tag.added] };
  return { tag, template, contents, tree: withInputs(tree, acceptedInputs(tree, inputsFor(tree, contents.planInputs))) };
}

/** The seasonal weights the sheet holds, when all twelve are numbers. */
export const typedWeights = (contents: TreeSheetContents): number[] | null =>
  contents.weights.every((w) => w !== null) ? (contents.weights as number[]) : null;
