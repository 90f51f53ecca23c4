/**
 * Importing an export into a data sheet, through the sidebar's own reading and chunking and the
 * real server code, over the strict fake of the Spreadsheet service: what the sheet then holds
 * (real dates, numbers, text kept as text), that a re-import replaces in place, and that a run
 * failing or dying part-way leaves the data sheet as it was.
 */
import { MemoryWorkbook } from '../../build/sheets/memoryWorkbook';
import { importTable, readFile } from '../../sidebar/client/dataImport';
import type { Promisified } from '../../sidebar/client/rpc';
import type { DataCell } from '../../src/core/dataImport';
import { KpiError } from '../../src/core/i18n';
import { VOCABULARY } from '../../src/core/vocabulary';
import type { ImportTicket, ServerApi } from '../../src/rpc';
import { createServerApi } from '../../src/server/api';

const TODAY = new Date('2026-11-24T09:00:00Z');

/** The server as the sidebar reaches it: each call's arguments and result copied as JSON, as google.script.run copies them. */
function rpcOf(api: ServerApi): Promisified<ServerApi> {
  return new Proxy({} as Promisified<ServerApi>, {
    get:
      (_t, name: keyof ServerApi) =>
      async (...args: unknown[]) => {
        const copied = JSON.parse(JSON.stringify(args)) as never[];
        return JSON.parse(JSON.stringify((api[name] as (...a: never[]) => unknown)(...copied) ?? null));
      },
  });
}

function setup() {
  const workbook = new MemoryWorkbook({ locale: 'en_US', now: () => TODAY });
  const api = createServerApi({ workbook, today: () => TODAY, vocabulary: () => VOCABULARY });
  return { workbook, api, rpc: rpcOf(api) };
}

const bytes = (text: string) => new TextEncoder().encode(text);

const DEALS = [
  'Deal owner,Deal stage,Close date,Amount,Note',
  'Sato,Closed won,2026/4/1,"¥1,200,000",=HYPERLINK("http://x")',
  'Suzuki,Closed won,4/15/2026,"¥800,000",+81 3 1234 5678',
  'Sato,Closed lost,2026-05-02,"¥300,000",@here',
  'Tanaka,Closed won,2026-05-20,"¥500,000",-',
].join('\r\n');

async function importText(rpc: Promisified<ServerApi>, text: string, sheet = 'Deals', chunk?: number) {
  return importTable(rpc, readFile('deals.csv', bytes(text)), sheet, undefined, chunk);
}

/** A sheet's values as getValues reads them (dates as ISO text), trailing blanks trimmed. */
const valuesOf = (workbook: MemoryWorkbook, sheet: string) => workbook.readValues(sheet);

describe('importing an export into a data sheet', () => {
  it('writes real dates, numbers and text that stays text, under a bold frozen header, and tags the sheet', async () => {
    const { workbook, rpc } = setup();
    const result = await importText(rpc, DEALS);
    expect(result).toMatchObject({ sheetName: 'Deals', rows: 4, replaced: false });
    expect(workbook.sheetNames()).toEqual(['Sheet1', 'Deals']);
    // A date cell holds a Date (shown in the spreadsheet's zone, Asia/Tokyo here): midnight of 2026-04-01 there.
    expect(workbook.valueAt('Deals', 2, 3)).toBe('2026-03-31T15:00:00.000Z');
    expect(workbook.sheets.displayAt('Deals', 2, 3)).toBe('2026-04-01');
    expect(workbook.valueAt('Deals', 3, 3)).toBe('2026-04-14T15:00:00.000Z');
    expect(workbook.valueAt('Deals', 2, 4)).toBe(1_200_000);
    expect(workbook.sheets.displayAt('Deals', 2, 4)).toBe('1,200,000');
    expect(workbook.sheets.boldAt('Deals', 1, 1)).toBe(true);
    // Values that would be formulas in Sheets stay the team's text.
    for (const [row, text] of [
      [2, '=HYPERLINK("http://x")'],
      [3, '+81 3 1234 5678'],
      [4, '@here'],
      [5, '-'],
    ] as const) {
      expect(workbook.formulaAt('Deals', row, 5)).toBeNull();
      expect(workbook.valueAt('Deals', row, 5)).toBe(text);
    }
    expect(workbook.sheets.layout('Deals').frozenRows).toBe(1);
    expect(workbook.gridSizes().find((s) => s.sheet === 'Deals')).toEqual({ sheet: 'Deals', rows: 5, columns: 5 });
    const tag = JSON.parse(workbook.taggedSheets().find((t) => t.sheet === 'Deals')!.tag);
    expect(tag).toEqual({
      app: 'kpi-tree',
      data: {
        file: 'deals.csv',
        header: ['Deal owner', 'Deal stage', 'Close date', 'Amount', 'Note'],
        types: ['text', 'text', 'date', 'whole', 'text'],
        rows: 4,
        importedAt: TODAY.toISOString(),
      },
    });
  });

  it('lets a formula count and add up by owner and month (COUNTIFS, SUMIFS over the dates)', async () => {
    const { workbook, rpc } = setup();
    await importText(rpc, DEALS);
    workbook.edit('Sheet1', 1, 1, '=COUNTIFS(Deals!C:C,">="&DATE(2026,4,1),Deals!C:C,"<"&DATE(2026,5,1))');
    workbook.edit('Sheet1', 1, 2, '=SUMIFS(Deals!D:D,Deals!A:A,"Sato",Deals!B:B,"Closed won")');
    expect(workbook.valueAt('Sheet1', 1, 1)).toBe(2);
    expect(workbook.valueAt('Sheet1', 1, 2)).toBe(1_200_000);
  });

  it('replaces the rows of the same sheet on re-import: same sheet id, formulas keep reading it, columns people added stay', async () => {
    const { workbook, rpc } = setup();
    await importText(rpc, DEALS);
    const gid = workbook.sheetId('Deals');
    workbook.edit('Sheet1', 1, 1, '=COUNTA(Deals!A2:A100)');
    workbook.sheets.insertColumns('Deals', 6, 2);
    workbook.edit('Deals', 1, 7, 'My column');
    const shorter = ['Deal owner,Deal stage,Close date,Amount', 'Kato,Closed won,2026/6/1,"¥100"', 'Kato,Closed won,2026/6/2,"¥200"'].join(
      '\n',
    );
    const result = await importText(rpc, shorter);
    expect(result).toMatchObject({ sheetName: 'Deals', rows: 2, replaced: true });
    expect(workbook.sheetId('Deals')).toBe(gid);
    expect(workbook.sheetNames()).toEqual(['Sheet1', 'Deals']);
    expect(valuesOf(workbook, 'Deals').map((row) => row.slice(0, 5))).toEqual([
      ['Deal owner', 'Deal stage', 'Close date', 'Amount', ''],
      ['Kato', 'Closed won', '2026-06-01', 100, ''],
      ['Kato', 'Closed won', '2026-06-02', 200, ''],
    ]);
    expect(workbook.valueAt('Deals', 1, 7)).toBe('My column');
    expect(workbook.valueAt('Sheet1', 1, 1)).toBe(2);
    expect(JSON.parse(workbook.taggedSheets().find((t) => t.sheet === 'Deals')!.tag).data.rows).toBe(2);
  });

  it('writes each chunk with one setValues, and swaps a re-import in with one copy', async () => {
    const { workbook, rpc } = setup();
    const rows = Array.from({ length: 10 }, (_, i) => `Sato,Won,2026/4/${i + 1},${i}`);
    const text = ['Owner,Stage,Date,Amount', ...rows].join('\n');
    await importText(rpc, text, 'Deals', 12); // 3 rows (12 cells) a call: 4 chunks
    const first = workbook.calls.length;
    await importText(rpc, text, 'Deals', 12);
    const calls = workbook.calls.slice(first);
    // The header, then one per chunk.
    expect(calls.filter((c) => c === 'Range.setValues')).toHaveLength(1 + 4);
    expect(calls.filter((c) => c === 'Range.copyTo')).toHaveLength(1);
    expect(calls.filter((c) => c === 'Range.setNumberFormats')).toHaveLength(1);
  });

  it('leaves the data sheet as it was when a chunk fails, and removes the pending sheet', async () => {
    const { workbook, rpc } = setup();
    await importText(rpc, DEALS);
    const before = valuesOf(workbook, 'Deals');
    const text = ['Deal owner,Deal stage,Close date,Amount,Note', ...Array.from({ length: 9 }, () => 'Kato,Won,2026/6/1,1,x')].join('\n');
    let setValues = 0;
    workbook.sheets.beforeCall = (method) => {
      // The header is the first setValues; the second chunk's write fails.
      if (method === 'Range.setValues' && ++setValues === 3) throw new Error('Service Spreadsheets failed while accessing document');
    };
    await expect(importText(rpc, text, 'Deals', 15)).rejects.toThrow(/Service Spreadsheets failed/);
    workbook.sheets.beforeCall = null;
    expect(valuesOf(workbook, 'Deals')).toEqual(before);
    expect(workbook.sheetNames()).toEqual(['Sheet1', 'Deals']);
  });

  it('leaves the data sheet as it was when a run dies part-way; the next import of it removes the pending sheet', async () => {
    const { workbook, rpc, api } = setup();
    await importText(rpc, DEALS);
    const before = valuesOf(workbook, 'Deals');
    // The sidebar closed after the first chunk: no finish, no cancel.
    const ticket: ImportTicket = api.startImport({
      sheetName: 'Deals',
      fileName: 'deals.csv',
      header: ['A', 'B'],
      types: ['text', 'whole'],
      rows: 4,
    });
    // The pending sheet is made without taking people away from the sheet they look at.
    expect(workbook.activeSheetName()).toBe('Deals');
    api.importRows(ticket, 2, [
      ['x', 1],
      ['y', 2],
    ]);
    expect(workbook.sheetNames()).toEqual(['Sheet1', 'Deals', 'Deals (importing)']);
    expect(valuesOf(workbook, 'Deals')).toEqual(before);
    await importText(rpc, DEALS);
    expect(workbook.sheetNames()).toEqual(['Sheet1', 'Deals']);
    expect(valuesOf(workbook, 'Deals')).toEqual(before);
    // The dead run's ticket is refused, saying what happened.
    expect(() => api.finishImport(ticket)).toThrow(/The import into "Deals" was interrupted/);
  });

  it('never replaces a sheet an import did not make, and refuses rows that do not match the file', async () => {
    const { workbook, rpc, api } = setup();
    workbook.edit('Sheet1', 1, 1, 'my notes');
    const refused = importText(rpc, DEALS, 'sheet1');
    await expect(refused).rejects.toThrow(KpiError);
    await expect(refused).rejects.toMatchObject({
      field: 'sheetName',
      text: { en: expect.stringMatching(/^A sheet named "Sheet1" exists/) },
    });
    expect(workbook.sheetNames()).toEqual(['Sheet1']);
    expect(workbook.valueAt('Sheet1', 1, 1)).toBe('my notes');

    const ticket = api.startImport({ sheetName: 'Deals', fileName: 'd.csv', header: ['Owner', 'Date'], types: ['text', 'date'], rows: 2 });
    expect(() => api.importRows(ticket, 2, [['Sato', '2026-04-01' as DataCell]])).toThrow(
      /do not match the file being imported \(row 2, column 2\)/,
    );
    expect(() =>
      api.importRows(ticket, 3, [
        ['Sato', 1],
        ['Sato', 2],
      ]),
    ).toThrow(/rows 3–4/);
  });

  it('refuses an import the spreadsheet has no room for (10 million cells), before writing anything', () => {
    const { workbook, api } = setup();
    const refusal = (() => {
      try {
        api.startImport({
          sheetName: 'Big',
          fileName: 'big.csv',
          header: ['A', 'B', 'C', 'D'],
          types: ['text', 'text', 'text', 'text'],
          rows: 2_500_000,
        });
      } catch (error) {
        return error as KpiError;
      }
      return null;
    })();
    expect(refusal?.text.en).toBe(
      'This import needs 10,000,004 cells, but the spreadsheet has room for 9,974,000 more (at most 10,000,000). Nothing was imported: delete sheets you no longer need, or split the export.',
    );
    expect(workbook.sheetNames()).toEqual(['Sheet1']);
  });
});
