/**
 * A small fictional activity log, as a CRM export pasted into the workbook: one row per visit
 * batch, lead batch, qualified deal or won order, with a date, an owner, a stage, a quantity
 * and an amount; and the rules that link the new-business tree's counts to it, per owner.
 */
import type { MemoryWorkbook } from '../../build/sheets/memoryWorkbook';
import { cellRange } from '../../src/core/sheet/draft';
import { VOCABULARY } from '../../src/core/vocabulary';
import type { LinkRule } from '../../src/rpc';
import { linkNode } from '../../src/server/links';

export const DATA_SHEET = 'CRM export';
export const HEADER = ['Date', 'Owner', 'Stage', 'Qty', 'Amount'] as const;
type Row = readonly [string, string, string, number | '', number | ''];

const deals = (date: string, owner: string, n: number, stage = 'Qualified'): Row[] =>
  Array.from({ length: n }, () => [date, owner, stage, '', ''] as const);

/**
 * April 2026 (fiscal month 1 from April): Aiko 160 visits, 40 leads, 8 deals (6 "Qualified",
 * 2 「商談化」), 2 orders worth ¥4.4m; Ben 60 visits, 24 leads, 6 deals, 2 orders worth ¥3m;
 * Carol 70 visits, 20 leads, 4 deals, no order; an order
 * of ¥1m with no owner. May: Ben 50 visits and 10 leads. March (last fiscal year): Aiko 999 visits.
 */
export const ROWS: readonly Row[] = [
  ['2026-03-31', 'Aiko', 'Visit', 999, ''],
  ['2026-04-02', 'Aiko', 'Visit', 100, ''],
  ['2026-04-20', 'Aiko', 'Visit', 60, ''],
  ['2026-04-21', 'Aiko', 'Lead', 40, ''],
  ...deals('2026-04-22', 'Aiko', 6),
  ...deals('2026-04-23', 'Aiko', 2, '商談化'),
  ['2026-04-28', 'Aiko', 'Won', '', 2_000_000],
  ['2026-04-30', 'Aiko', 'Won', '', 2_400_000],
  ['2026-04-03', 'Ben', 'Visit', 60, ''],
  ['2026-04-10', 'Ben', 'Lead', 24, ''],
  ...deals('2026-04-15', 'Ben', 6),
  ['2026-04-25', 'Ben', 'Won', '', 1_500_000],
  ['2026-04-26', 'Ben', 'Won', '', 1_500_000],
  ['2026-04-04', 'Carol', 'Visit', 70, ''],
  ['2026-04-11', 'Carol', 'Lead', 20, ''],
  ...deals('2026-04-16', 'Carol', 4),
  ['2026-04-29', '', 'Won', '', 1_000_000],
  ['2026-05-07', 'Ben', 'Visit', 50, ''],
  ['2026-05-08', 'Ben', 'Lead', 10, ''],
];

/**
 * Writes a data sheet as people and connectors leave it: dates and numbers typed (so they are
 * dates and numbers), and text that starts with "=" kept as text, as an import keeps it.
 */
export function addDataSheet(workbook: MemoryWorkbook, rows: readonly (readonly (string | number)[])[] = ROWS, name = DATA_SHEET): void {
  workbook.sheets.addSheet(name);
  workbook.ensureRows(name, rows.length + 1);
  typeRows(workbook, name, [HEADER, ...rows], 1);
}

/** Rows written from `firstRow` down, as `addDataSheet` writes them (a connector appending rows). */
export function typeRows(workbook: MemoryWorkbook, name: string, rows: readonly (readonly (string | number)[])[], firstRow: number): void {
  rows.forEach((row, r) =>
    row.forEach((value, c) => {
      if (value === '') return;
      if (typeof value === 'string' && value.startsWith('='))
        workbook.setContents(name, cellRange(firstRow + r, c + 1), [[{ text: value }]]);
      else workbook.sheets.edit(name, firstRow + r, c + 1, String(value));
    }),
  );
}

const rule = (stages: string[], amount: string | null = null): LinkRule => ({
  sheet: DATA_SHEET,
  date: 'Date',
  conditions: [{ column: 'Stage', values: stages }],
  amount,
  owner: 'Owner',
});

/** By node: visits and leads sum their quantities; deals count two stage names; orders count wins; revenue sums their amounts. */
export const RULES: Readonly<Record<string, LinkRule>> = {
  revenue: rule(['Won'], 'Amount'),
  orders: rule(['Won']),
  deals: rule(['Qualified', '商談化']),
  leads: rule(['Lead'], 'Qty'),
  visits: rule(['Visit'], 'Qty'),
};

/** Links the tree's nodes to the data, as the sidebar's link form does (the real `linkNode`). */
export function linkAll(workbook: MemoryWorkbook, treeSheet: string, rules: Readonly<Record<string, LinkRule>> = RULES): void {
  for (const [nodeId, r] of Object.entries(rules)) linkNode(workbook, VOCABULARY, treeSheet, nodeId, r);
}

/** The same log a fiscal year earlier or later: each date's year replaced by `year` (March's by the year before). */
export const inYear = (rows: readonly Row[], year: number): Row[] =>
  rows.map(([date, ...rest]) => [date.replace(/^2026-/, `${year}-`).replace(/^2025-03/, `${year - 1}-03`), ...rest] as Row);
