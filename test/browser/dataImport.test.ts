/**
 * Importing an export as a person does, in English and in Japanese: pick a sample file in the
 * sidebar's Data tab, read the preview of its first rows, import it, and find the data sheet in
 * the grid with real dates and numbers; import it again and its rows are replaced; a bad file
 * gets a clear message under the picker and changes nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gridCell, selectedTab } from '../../build/preview/drive.mjs';
import { eventually, eventuallyReads, eventuallyText } from './support/eventually';
import { page, preview, sidebar, usePreview } from './support/preview';

const SAMPLES = join(__dirname, '../../build/preview/samples');

interface Case {
  readonly lang: 'en' | 'ja';
  readonly file: string;
  readonly sheet: string;
  readonly summary: string;
  readonly header: readonly string[];
  /** The file's first data row as the preview and the grid show it. */
  readonly firstRow: readonly string[];
  /** The first row's date cell (its column) and what the workbook holds there: a Date at midnight, Tokyo time. */
  readonly dateColumn: number;
  readonly date: string;
  readonly imported: string;
  readonly replaced: string;
  readonly noHeader: RegExp;
  readonly unknownEncoding: RegExp;
  readonly notADate: string;
}

const CASES: readonly Case[] = [
  {
    lang: 'en',
    file: 'salesforce-opportunities.csv',
    sheet: 'salesforce-opportunities',
    summary: '240 rows × 9 columns (UTF-8); the first 5 below.',
    header: [
      'Opportunity Owner',
      'Account Name',
      'Opportunity Name',
      'Stage',
      'Amount',
      'Probability (%)',
      'Close Date',
      'Created Date',
      'Lead Source',
    ],
    firstRow: [
      'Aoi Tanaka',
      'Kita Foods',
      'Kita Foods - Expansion',
      'Proposal/Price Quote',
      '1,890,000',
      '50',
      '2025-12-07',
      '2025-11-23',
      'Referral',
    ],
    dateColumn: 7,
    date: '2025-12-06T15:00:00.000Z',
    imported: 'Imported 240 rows into “salesforce-opportunities”.',
    replaced: 'Replaced the rows of “salesforce-opportunities”: 3 rows imported.',
    noHeader: /^The first row holds data \(“2025\/4\/1”\), not column names\./,
    unknownEncoding: /^“latin1.csv” is neither UTF-8 nor Shift_JIS text/,
    notADate:
      'Row 3, column “Close Date”: “TBD” is not a date. Dates must read like 2026/4/1, 2026-04-01 or 4/1/2026 (a month alone like 2026-04). Nothing was imported.',
  },
  {
    lang: 'ja',
    file: 'excel-sjis-deals.csv',
    sheet: 'excel-sjis-deals',
    summary: '150 行 × 5 列（Shift_JIS）。最初の 5 行を表示しています。',
    header: ['担当者', '顧客名', 'ステージ', '日付', '金額'],
    firstRow: ['伊藤 颯太', '東西物流', '提案', '2025-04-12', '2,560,000'],
    dateColumn: 4,
    date: '2025-04-11T15:00:00.000Z',
    imported: '「excel-sjis-deals」に 150 行を取り込みました。',
    replaced: '「excel-sjis-deals」に 3 行を取り込みました（以前の行を置き換えました）。',
    noHeader: /^1行目が列名ではなくデータ（「2025\/4\/1」）です。/,
    unknownEncoding: /^「latin1.csv」は UTF-8 でも Shift_JIS でもないため/,
    notADate:
      '3 行目「Close Date」列の「TBD」は日付ではありません。日付は 2026/4/1、2026-04-01、4/1/2026 の形（月だけなら 2026-04）にしてください。取り込みは行っていません。',
  },
];

/** The texts of a table row in the sidebar's preview. */
const previewRow = (selector: string) => sidebar.locator(selector).evaluateAll((cells) => cells.map((c) => c.textContent ?? ''));

/** The texts of a grid row, as drawn. */
const gridRow = (row: number, columns: number) =>
  Promise.all(Array.from({ length: columns }, (_, c) => gridCell(page, { row, column: c + 1 }).textContent()));

async function pick(name: string, buffer: Buffer): Promise<void> {
  await sidebar.locator('#import-file').setInputFiles({ name, mimeType: 'text/csv', buffer });
}

describe.each(CASES)('importing an export ($lang)', (c) => {
  usePreview();

  it('previews the first rows with each column’s type, imports them, and the grid shows real dates and numbers', async () => {
    await sidebar.locator('#lang').selectOption(c.lang);
    await sidebar.locator('#nav-data').click();
    await sidebar.locator('#import-file').setInputFiles(join(SAMPLES, c.file));
    await eventuallyText(sidebar.locator('#import-summary'), c.summary);
    expect(await sidebar.locator('#import-table tbody tr').count()).toBe(5);
    expect(await previewRow('#import-table tbody tr:first-child td')).toEqual(c.firstRow);
    const headers = await previewRow('#import-table th');
    expect(headers.map((h, i) => h.startsWith(c.header[i]))).toEqual(c.header.map(() => true));
    // The date column says it is one, in the chosen language.
    expect(headers[c.dateColumn - 1]).toBe(`${c.header[c.dateColumn - 1]}${c.lang === 'en' ? 'date' : '日付'}`);
    expect(await sidebar.locator('#import-sheet').inputValue()).toBe(c.sheet);

    await sidebar.locator('#import-run').click();
    await eventuallyText(sidebar.locator('#import-result-text'), c.imported);
    await eventuallyReads(() => selectedTab(page), c.sheet);
    await eventually(
      () => gridRow(2, c.firstRow.length),
      (cells) => expect(cells).toEqual(c.firstRow),
    );
    expect(await gridRow(1, c.header.length)).toEqual(c.header);
    // What the sheet holds: a real date (midnight in the spreadsheet's zone, Asia/Tokyo) and a number.
    expect(preview.workbook.valueAt(c.sheet, 2, c.dateColumn)).toBe(c.date);
    expect(preview.workbook.valueAt(c.sheet, 2, 5)).toBe(c.lang === 'ja' ? 2_560_000 : 1_890_000);
  });

  it('replaces the sheet’s rows when the export is imported again', async () => {
    const gid = preview.workbook.sheetId(c.sheet);
    // The same export, cut to its header and three rows (line ends kept as the file has them).
    await pick(c.file, firstLines(readFileSync(join(SAMPLES, c.file)), 4));
    await eventuallyText(sidebar.locator('#import-summary'), c.lang === 'en' ? /^3 rows × 9 columns/ : /^3 行 × 5 列/);
    await sidebar.locator('#import-run').click();
    await eventuallyText(sidebar.locator('#import-result-text'), c.replaced);
    expect(preview.workbook.sheetId(c.sheet)).toBe(gid);
    expect(preview.workbook.sheetNames()).toEqual(['Sheet1', c.sheet]);
    expect(preview.workbook.readValues(c.sheet)).toHaveLength(4);
    // The grid draws the sheet's rows up to its last filled one: the fourth data row is gone.
    await eventually(
      () => page.locator('#grid td[data-row="5"]').count(),
      (cells) => expect(cells).toBe(0),
    );
    expect(await gridRow(4, 1)).not.toEqual(['']);
  });

  it('refuses a file with no header, in an unknown encoding, or with text in the date column, and changes nothing', async () => {
    const before = preview.workbook.readValues(c.sheet);
    const error = sidebar.locator('#import-file-err');
    const refused = async (name: string, bytes: Buffer, message: string | RegExp) => {
      await pick(name, bytes);
      await eventuallyText(error, message);
      expect(await sidebar.locator('#import-file').getAttribute('aria-invalid')).toBe('true');
      expect(await sidebar.locator('#import-preview').isHidden()).toBe(true);
      expect(preview.workbook.sheetNames()).toEqual(['Sheet1', c.sheet]);
      expect(preview.workbook.readValues(c.sheet)).toEqual(before);
    };
    await refused('deals.csv', Buffer.from('Sato,2025/4/1,"¥100"\nSuzuki,2025/4/2,"¥200"\n'), c.noHeader);
    await refused('latin1.csv', Buffer.from([...Buffer.from('Owner,Name\nSato,Caf'), 0xe9, 0x2c, 0x4d, 0xfc, 0x0a]), c.unknownEncoding);
    await refused('dates.csv', Buffer.from('Owner,Close Date\nSato,2025/4/1\nSuzuki,TBD\nTanaka,2025/4/3\n'), c.notADate);
  });
});

/** The first `n` lines of a file's bytes, each with its line end. */
function firstLines(bytes: Buffer, n: number): Buffer {
  let end = 0;
  for (let i = 0; i < n; i++) end = bytes.indexOf(0x0a, end) + 1;
  return bytes.subarray(0, end);
}

describe('the preview’s google.script.run', () => {
  usePreview();

  it('refuses a Date argument, as Apps Script does (dates cross as serial numbers)', async () => {
    const failure = await sidebar.locator('html').evaluate(
      () =>
        new Promise<string>((resolve) => {
          const run = (window as unknown as { google: { script: { run: Record<string, (...a: unknown[]) => unknown> } } }).google.script
            .run;
          const runner = (run.withFailureHandler((e: Error) => resolve(e.message)) as typeof run).withSuccessHandler(() =>
            resolve('sent'),
          ) as typeof run;
          runner.importRows({ pending: 'x', id: 'x' }, 2, [[new Date()]]);
        }),
    );
    expect(failure).toMatch(/^Invalid argument: a \[object Date\] cannot be passed to the server/);
  });
});
