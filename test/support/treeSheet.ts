/**
 * What the sidebar sends (a build request, a process KPI to add), and a tree sheet built from it
 * whose cells are found by node id and column key, as the add-on reads them back.
 */

import { MemoryWorkbook } from '../../build/sheets/memoryWorkbook';
import { SHEET_WORDS } from '../../src/core/sheet/labels';
import { type ColumnKey, KEY_MARKER, monthKey, ROW, SETTINGS } from '../../src/core/sheet/schema';
import { VOCABULARY } from '../../src/core/vocabulary';
import type { BuildRequest, NewProcessKpi } from '../../src/rpc';
import { buildTreeSheet } from '../../src/server/build';

export const NOV_2026 = new Date(2026, 10, 23);

/** The new-business tree for ¥1bn in English, FY2026 from April, the template's rates, even months. */
export function request(overrides: Partial<BuildRequest> = {}): BuildRequest {
  return {
    templateId: 'new_business',
    lang: 'en',
    kgi: 1_000_000_000,
    inputs: {},
    fiscalYear: 2026,
    startMonth: 4,
    seasonality: null,
    ...overrides,
  };
}

/** "Referrals" under New leads, 12 a year, more being better, no definition. */
export function processKpi(fields: Partial<NewProcessKpi> = {}): NewProcessKpi {
  return {
    parent: 'leads',
    label: { en: 'Referrals', ja: '紹介数' },
    definition: { en: '', ja: '' },
    plan: 12,
    lowerIsBetter: false,
    ...fields,
  };
}

/** The figures of rows 3–4, by the word of their label. */
export type SummaryLabel = 'actualToDate' | 'landing' | 'landingGap' | 'bottleneck' | 'yields' | 'ofKgi' | 'gap' | 'fixRecovers';

export class TreeSheet {
  constructor(
    readonly workbook: MemoryWorkbook,
    readonly name: string,
  ) {}

  /** A tree built and looked at on `today`: the sheet's own clock (TODAY()) reads that day. */
  static build(overrides: Partial<BuildRequest> = {}, today = NOV_2026, locale = 'en_US'): TreeSheet {
    const workbook = new MemoryWorkbook({ locale, now: () => today });
    const { sheetName } = buildTreeSheet(workbook, VOCABULARY, request(overrides));
    return new TreeSheet(workbook, sheetName);
  }

  private get values() {
    return this.workbook.readValues(this.name);
  }

  rowOf(nodeId: string): number {
    const row = this.values.findIndex((r) => r[0] === nodeId);
    if (row < 0) throw new Error(`no row for ${nodeId}`);
    return row + 1;
  }

  /** A column by its key in the hidden key row (over the actuals, their fiscal month numbers; a version-1 sheet's keys). */
  columnOf(key: ColumnKey): number {
    const keys = this.values.find((r) => r[0] === KEY_MARKER)!;
    const actual = /^actual_(\d+)$/.exec(key);
    const at = keys.indexOf(key === 'key' ? KEY_MARKER : key);
    return (at < 0 && actual ? keys.indexOf(Number(actual[1])) : at) + 1;
  }

  value(nodeId: string, key: ColumnKey) {
    return this.workbook.valueAt(this.name, this.rowOf(nodeId), this.columnOf(key));
  }

  /** What a person sees in the cell: colour included. */
  seen(nodeId: string, key: ColumnKey) {
    return this.workbook.view(this.name).rows[this.rowOf(nodeId) - 1][this.columnOf(key) - 1];
  }

  type(nodeId: string, key: ColumnKey, input: string): void {
    this.workbook.edit(this.name, this.rowOf(nodeId), this.columnOf(key), input);
  }

  /** Types one month's actuals: { orders: 28, deals: 139, … }. */
  actuals(month: number, values: Record<string, number>): void {
    for (const [id, v] of Object.entries(values)) this.type(id, monthKey('actual', month), String(v));
  }

  setting(which: keyof typeof SETTINGS, input?: string) {
    if (input !== undefined) this.workbook.edit(this.name, ROW.settings, SETTINGS[which], input);
    return this.workbook.valueAt(this.name, ROW.settings, SETTINGS[which]);
  }

  /** A figure of rows 3–4 (the year, the plan), read beside its label as a person reads it. */
  summary(label: SummaryLabel) {
    const labels = new Set(Object.values(SHEET_WORDS).map((words) => words[label]));
    for (const row of [ROW.summary, ROW.months]) {
      const column = this.values[row - 1].findIndex((v) => typeof v === 'string' && labels.has(v));
      if (column >= 0) return this.workbook.valueAt(this.name, row, column + 2);
    }
    throw new Error(`no ${label} in rows 3–4`);
  }
}
