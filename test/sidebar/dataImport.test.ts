import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chunks, decode, readFile } from '../../sidebar/client/dataImport';
import { KpiError } from '../../src/core/i18n';

const SAMPLES = join(__dirname, '../../build/preview/samples');
const sample = (name: string) => new Uint8Array(readFileSync(join(SAMPLES, name)));

function refusal(work: () => unknown): KpiError {
  try {
    work();
  } catch (error) {
    if (error instanceof KpiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('reading a picked file', () => {
  it('reads a Shift_JIS CSV as Japanese Excel saves it: names, dates, and ¥ amounts (¥ is byte 0x5C there)', () => {
    const file = readFile('excel-sjis-deals.csv', sample('excel-sjis-deals.csv'));
    expect(file.encoding).toBe('Shift_JIS');
    expect(file.table.header).toEqual(['担当者', '顧客名', 'ステージ', '日付', '金額']);
    expect(file.table.types).toEqual(['text', 'text', 'text', 'date', 'whole']);
    // The file's first row: 伊藤 颯太,東西物流,提案,2025/4/12,"¥2,560,000" (2025-04-12 is serial 45759).
    expect(file.table.rows[0]).toEqual(['伊藤 颯太', '東西物流', '提案', 45759, 2_560_000]);
    expect(file.table.rows).toHaveLength(150);
  });

  it('reads the Salesforce- and HubSpot-style exports: US dates, dates with times, plain amounts', () => {
    const salesforce = readFile('salesforce-opportunities.csv', sample('salesforce-opportunities.csv'));
    expect(salesforce.encoding).toBe('UTF-8');
    expect(salesforce.table.types).toEqual(['text', 'text', 'text', 'text', 'whole', 'whole', 'date', 'date', 'text']);
    // Aoi Tanaka,…,1890000,50,12/7/2025,11/23/2025,Referral
    expect(salesforce.table.rows[0].slice(4, 8)).toEqual([1_890_000, 50, 45998, 45984]);
    const hubspot = readFile('hubspot-deals.csv', sample('hubspot-deals.csv'));
    expect(hubspot.table.types).toEqual(['whole', 'text', 'text', 'text', 'whole', 'datetime', 'datetime', 'text']);
  });

  it('reads UTF-8 with a BOM, UTF-16 as Excel saves “Unicode text”, and tab-separated files', () => {
    const text = 'Owner\tDate\tAmount\r\nSato\t2026/4/1\t¥1,000\r\n';
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect(readFile('a.tsv', utf8).table).toEqual({
      header: ['Owner', 'Date', 'Amount'],
      types: ['text', 'date', 'whole'],
      rows: [['Sato', 46113, 1000]],
    });
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Uint16Array.from(text, (c) => c.charCodeAt(0)).buffer)]);
    expect(decode(utf16, 'a.txt')).toEqual({ text, encoding: 'UTF-16' });
  });

  it('refuses a binary file and text in an unknown encoding, naming the file and what to do', () => {
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    const binary = refusal(() => readFile('deals.xlsx', xlsx));
    expect(binary.field).toBe('file');
    expect(binary.text.en).toMatch(/^“deals.xlsx” is not a CSV or TSV text file/);
    // "Café,Müller" in Latin-1: é (0xE9) then a comma is neither UTF-8 nor Shift_JIS.
    const latin1 = new Uint8Array([...'Owner,Name\nSato,Caf'].map((c) => c.charCodeAt(0)).concat([0xe9, 0x2c, 0x4d, 0xfc, 0x0a]));
    const unknown = refusal(() => readFile('latin1.csv', latin1));
    expect(unknown.text.en).toBe(
      '“latin1.csv” is neither UTF-8 nor Shift_JIS text, so its characters cannot be read. Save it as “CSV UTF-8” and import that. Nothing was imported.',
    );
    expect(unknown.text.ja).toMatch(/^「latin1.csv」は UTF-8 でも Shift_JIS でもない/);
  });

  it('refuses a quoted value that never ends', () => {
    expect(refusal(() => readFile('a.csv', new TextEncoder().encode('Owner,Note\nSato,"open\n'))).text.en).toMatch(
      /a quoted value never ends/,
    );
  });
});

describe('chunks sent to the server', () => {
  it('hold at most the cells per call, in order, each with its first sheet row', () => {
    const table = {
      header: ['A', 'B', 'C'],
      types: ['text', 'text', 'text'] as const,
      rows: Array.from({ length: 10 }, (_, i) => [String(i), 'b', 'c']),
    };
    const sent = chunks(table, 9);
    expect(sent.map((c) => [c.row, c.rows.length])).toEqual([
      [2, 3],
      [5, 3],
      [8, 3],
      [11, 1],
    ]);
    expect(sent.flatMap((c) => c.rows)).toEqual(table.rows);
  });
});
