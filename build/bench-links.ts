/**
 * Bench section for actuals linked to data (build/bench.mjs lists it through bench-trees.ts):
 * a data tab of 100,000 rows and a tree whose 30 count nodes are linked to it, against the same
 * tree with typed actuals, in the formula engine: the time to recalculate after one data row
 * changes, and the Apps Script calls of linking one node.
 */

import { performance } from 'node:perf_hooks';
import { COLUMN_FORMATS } from '../src/core/dataImport';
import type { DataLink } from '../src/core/sheet/links';
import { readTreeSheet } from '../src/core/sheet/readBack';
import { isTyped } from '../src/core/tree';
import { VOCABULARY } from '../src/core/vocabulary';
import { buildTreeSheet } from '../src/server/build';
import { linkNode } from '../src/server/links';
import { updateTreeSheet } from '../src/server/update';
import { syntheticTemplate } from './bench-trees';
import { MemoryWorkbook } from './sheets/memoryWorkbook';
import { medianMs } from './timing.mjs';

/** The figure; `KPI_BENCH_LINK_ROWS` runs it smaller (the formula engine takes minutes at 100,000). */
const ROWS = Number(process.env.KPI_BENCH_LINK_ROWS ?? 100_000);
const RUNS = 3;
const LINKED = 30;
const STAGES = ['Lead', 'Qualified', 'Proposal', 'Won', 'Lost'];
const DATA = 'CRM deals';
/** 2026-04-01 as a Sheets date serial (days since 1899-12-30). */
const APRIL_1 = 46113;

/** A tree of about 100 nodes (FY2026 from April) beside a 100,000-row data tab: a deal a row over the year. */
function workbookWithData() {
  const template = syntheticTemplate(100);
  const vocabulary = { ...VOCABULARY, templates: [template] };
  const workbook = new MemoryWorkbook({ now: () => new Date(2026, 10, 23) });
  workbook.insertSheet(DATA, ROWS + 1, 4);
  const rows = [
    [{ text: 'Created' }, { text: 'Stage' }, { text: 'Owner' }, { text: 'Amount' }],
    ...Array.from({ length: ROWS }, (_, i) => [
      { number: APRIL_1 + (i % 365) },
      { text: STAGES[i % STAGES.length] },
      { text: `owner${i % 7}` },
      { number: 100_000 + (i % 50) * 10_000 },
    ]),
  ];
  // Dated as an import or a connector dates them: serial numbers in date-formatted cells.
  workbook.setNumberFormats(
    DATA,
    { row: 2, column: 1, rows: ROWS, columns: 1 },
    Array.from({ length: ROWS }, () => [COLUMN_FORMATS.date]),
  );
  workbook.setContents(DATA, { row: 1, column: 1, rows: ROWS + 1, columns: 4 }, rows);
  const { sheetName } = buildTreeSheet(workbook, vocabulary, {
    templateId: template.id,
    lang: 'en',
    kgi: template.kgi,
    inputs: {},
    fiscalYear: 2026,
    startMonth: 4,
    seasonality: null,
  });
  const typed = template.nodes.filter(isTyped).slice(0, LINKED);
  return { workbook, vocabulary, sheetName, typed };
}

/** Each linked node counts one stage (every other one sums the amount instead). */
const linkOf = (sheetId: number, i: number): DataLink => ({
  sheet: DATA,
  sheetId,
  date: { header: 'Created', column: 1 },
  conditions: [{ header: 'Stage', column: 2, values: [STAGES[i % STAGES.length]] }],
  amount: i % 2 === 0 ? null : { header: 'Amount', column: 4 },
  owner: null,
});

export function linkBenches(): { name: string; run: () => string }[] {
  return [
    {
      name: `Actuals linked to data: a ${ROWS.toLocaleString('en-US')}-row data tab, ${LINKED} linked nodes × 12 months`,
      run() {
        const linked = workbookWithData();
        const { workbook, vocabulary, sheetName, typed } = linked;
        const sheetId = workbook.sheetId(DATA);
        // One node through the sidebar's call (it reads the data to check the rule matches), the rest in one update.
        workbook.sheets.resetCalls();
        const start = performance.now();
        linkNode(workbook, vocabulary, sheetName, typed[0].id, {
          sheet: DATA,
          date: 'Created',
          conditions: [{ column: 'Stage', values: ['Lead'] }],
          amount: null,
          owner: null,
        });
        const linkOneMs = performance.now() - start;
        const linkCalls = workbook.sheets.calls.length;
        const links = Object.fromEntries(typed.map((node, i) => [node.id, linkOf(sheetId, i)]));
        updateTreeSheet(workbook, vocabulary, sheetName, { links, relinked: typed.map((n) => n.id) });

        let n = 0;
        /** Changes one data row's stage to another stage, then reads the KGI's landing (every linked cell may move). */
        const dataRowChanges = (book: MemoryWorkbook, sheet: string) => () => {
          const row = n++;
          book.edit(DATA, 2 + row, 2, STAGES[(row + 1) % STAGES.length]);
          book.valueAt(sheet, 3, 3);
        };
        // What is timed is a real recalculation: a changed row moves the linked cells.
        const august = () => {
          const { rows } = readTreeSheet(workbook.readValues(sheetName))!;
          return JSON.stringify(typed.map((node) => rows.get(node.id)!.values.actual_5));
        };
        const before = august();
        workbook.edit(DATA, 2 + 135, 2, STAGES[(135 + 1) % STAGES.length]); // 14 August
        if (august() === before) throw new Error('Changing a data row moved no linked cell: the bench would time nothing.');
        const linkedMs = medianMs(dataRowChanges(workbook, sheetName), RUNS);

        const plain = workbookWithData();
        const typedDataMs = medianMs(dataRowChanges(plain.workbook, plain.sheetName), RUNS);
        const { rows, columns } = readTreeSheet(plain.workbook.readValues(plain.sheetName))!;
        const firstTyped = rows.get(plain.typed[0].id)!.row;
        const april = columns.get('actual_1')! + 1;
        const typedActualMs = medianMs(() => {
          plain.workbook.edit(plain.sheetName, firstTyped, april, String(100 + n++));
          plain.workbook.valueAt(plain.sheetName, 3, 3);
        }, RUNS);
        return (
          `recalculate after one data row changes ${linkedMs.toFixed(0)} ms linked, against ${typedDataMs.toFixed(1)} ms for the same tree ` +
          `with typed actuals (${typedActualMs.toFixed(1)} ms after one typed actual) (formula engine, median of ${RUNS}); ` +
          `link one node ${linkOneMs.toFixed(0)} ms in the fake, ${linkCalls} Apps Script calls`
        );
      },
    },
  ];
}
