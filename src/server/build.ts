import type { GridRange, SheetPlan } from '../core/sheet/plan';
import type { KeptRow } from '../core/sheet/schema';
import { fill } from '../core/sheet/labels';
import { covering } from '../core/sheet/writes';
import type { Vocabulary } from '../core/vocabulary';
import type { BuildRequest, BuildResult } from '../rpc';
import type { SheetGateway } from './gateway';
import {
  checkRequest, locked, monthsElapsed, opened, PENDING_TAG, planSheet, readTree, templateOf, treeTags, typedWeights, uniqueSheetName,
} from './trees';

/** New tree sheets: from a template, or next fiscal year's from this year's. */

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
    const plan = planSheet({
      vocabulary, template, added: tag.added, weights, period: null, kept: owners, planInputs: contents.planInputs,
      closedMonths: monthsElapsed(workbook, today, fiscalYear, startMonth),
      request: { templateId: template.id, lang: tag.lang, kgi: contents.kgi ?? template.kgi, inputs: {}, fiscalYear, startMonth, seasonality: weights },
    });
    writeNewSheet(workbook, name, plan);
    return opened(workbook, name);
  });
}

