import type { GridRange, SheetDraft } from '../core/sheet/draft';
import { fill } from '../core/sheet/labels';
import type { KeptRow } from '../core/sheet/schema';
import { covering } from '../core/sheet/writes';
import type { Vocabulary } from '../core/vocabulary';
import type { BuildRequest, BuildResult } from '../rpc';
import { findLinks } from './dataSheets';
import type { SheetGateway } from './gateway';
import {
  checkRequest,
  draftSheet,
  locked,
  opened,
  PENDING_TAG,
  readTree,
  templateOf,
  treeTags,
  typedWeights,
  uniqueSheetName,
} from './trees';

/** New tree sheets: from a template, or next fiscal year's from this year's. */

/** One batched call per property over the whole new sheet; formats first (plain-text labels stay text). */
function writeWhole(workbook: SheetGateway, sheet: string, draft: SheetDraft): void {
  const all: GridRange = { row: 1, column: 1, rows: draft.rows, columns: draft.columns };
  workbook.setNumberFormats(sheet, all, draft.numberFormats);
  workbook.setContents(sheet, all, draft.contents);
  workbook.setBackgrounds(sheet, all, draft.backgrounds);
  workbook.setFontWeights(sheet, all, draft.fontWeights);
  workbook.setFontColors(sheet, all, draft.fontColors);
  workbook.setNotes(sheet, all, draft.notes);
  workbook.setValidations(sheet, all, draft.validations);
  workbook.setConditionalRules(sheet, draft.rules, []);
  workbook.protectExcept(sheet, covering(draft.inputs), draft.protectionNote);
  workbook.setNamedRanges(sheet, draft.names);
  workbook.setLayout(sheet, draft.layout);
  workbook.addCharts(sheet, draft.charts);
}

/**
 * Writes a draft into a new sheet, tagged as a tree only once complete: a run killed part-way
 * leaves a pending sheet the next run removes, and a failure removes it at once.
 */
export function writeNewSheet(workbook: SheetGateway, name: string, draft: SheetDraft): void {
  workbook.insertSheet(name, draft.rows, draft.columns);
  try {
    workbook.tagSheet(name, PENDING_TAG);
    writeWhole(workbook, name, draft);
    workbook.tagSheet(name, draft.tag);
  } catch (error) {
    workbook.deleteSheet(name);
    throw error;
  }
}

export function buildTreeSheet(workbook: SheetGateway, vocabulary: Vocabulary, request: BuildRequest): BuildResult {
  const template = templateOf(vocabulary, request.templateId);
  const weights = checkRequest(vocabulary, request);
  return locked(workbook, vocabulary, () => {
    const sheetName = uniqueSheetName(template.name[request.lang], workbook.sheetNames());
    const draft = draftSheet({
      vocabulary,
      template,
      added: [],
      request,
      weights,
      // Closed means recorded in History: a new tree has nothing closed; the months that have
      // ended are due, and the sheet works them out itself (its clock is the spreadsheet's).
      closedMonths: 0,
      period: null,
      kept: new Map(),
      planInputs: {},
    });
    writeNewSheet(workbook, sheetName, draft);
    return opened(workbook, sheetName);
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
    const weights = typedWeights(contents) ?? Array<number>(12).fill(1);
    const draft = draftSheet({
      vocabulary,
      template,
      added: tag.added,
      weights,
      period: null,
      kept: owners,
      planInputs: contents.planInputs,
      // Linked KPIs stay linked: their formulas read next year's months from the same data.
      links: findLinks(workbook, tag.links ?? {}).links,
      closedMonths: 0,
      request: {
        templateId: template.id,
        lang: tag.lang,
        kgi: contents.kgi ?? template.kgi,
        inputs: {},
        fiscalYear,
        startMonth,
        seasonality: weights,
      },
    });
    writeNewSheet(workbook, name, draft);
    return opened(workbook, name);
  });
}
