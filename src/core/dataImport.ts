/**
 * A CSV export made into a table a data sheet can hold: the header row found, each column typed
 * (dates, numbers, text), dates as real dates and amounts with ¥ and commas as numbers, so that
 * COUNTIFS and SUMIFS by owner, stage and month work on it. Pure: the sidebar decodes and splits
 * the file, this decides what its cells mean, and says in both languages what is wrong with it.
 */
import { KpiError, type Localized } from './i18n';

/** `whole`: numbers that are all integers (counts, yen), shown with thousands separators. */
export type ColumnType = 'date' | 'datetime' | 'whole' | 'number' | 'text';

/**
 * A cell as it crosses to the server: text, a number, or a date as a Sheets serial number (days
 * since 1899-12-30, the time of day as a fraction), which a date format makes a date in any time
 * zone: `google.script.run` refuses `Date` objects. Blank is null.
 */
export type DataCell = string | number | null;

export interface DataTable {
  readonly header: readonly string[];
  readonly types: readonly ColumnType[];
  readonly rows: readonly (readonly DataCell[])[];
}

/** Sheets holds at most 10 million cells per spreadsheet (https://support.google.com/drive/answer/37603). */
export const MAX_CELLS = 10_000_000;

/** The number format a column of each type is written with. */
export const COLUMN_FORMATS: Readonly<Record<ColumnType, string>> = {
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
  whole: '#,##0',
  number: 'General',
  text: 'General',
};

/** A day in milliseconds. */
export const DAY_MS = 86_400_000;
/** Days from 1899-12-30 (Sheets' day 0) to 1970-01-01. */
const EPOCH_SERIAL = 25_569;

const TIME = String.raw`(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?`;
/** 2026/4/1, 2026-04-01, 2026.4.1, 2026年4月1日, each with an optional time of day. */
const YMD = new RegExp(String.raw`^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日)${TIME}$`);
/** 4/1/2026: month first, as US exports write it. */
const MDY = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}$`);

/** A calendar date (and time) as a Sheets serial number, or null when `text` is not one. */
export function parseDate(text: string): number | null {
  const s = text.trim();
  const ymd = YMD.exec(s);
  const mdy = ymd ? null : MDY.exec(s);
  if (!ymd && !mdy) return null;
  const [year, month, day, hour, minute, second] = ymd
    ? [ymd[1], ymd[2] ?? ymd[4], ymd[3] ?? ymd[5], ymd[6], ymd[7], ymd[8]]
    : [mdy![3], mdy![1], mdy![2], mdy![4], mdy![5], mdy![6]];
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  const [h, min, sec] = [Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0)];
  const ms = Date.UTC(y, m - 1, d);
  const at = new Date(ms);
  // 2026-02-30 is not a date (Date.UTC would roll it into March).
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== m - 1 || at.getUTCDate() !== d) return null;
  if (h > 23 || min > 59 || sec > 59) return null;
  return ms / DAY_MS + EPOCH_SERIAL + (h * 3600 + min * 60 + sec) / 86_400;
}

/**
 * 2026-04, 2026/04, 2026年4月: a month alone, as warehouse summaries (BigQuery's FORMAT_DATE('%Y-%m'))
 * write it. Years 1900 to 2099 only, so part numbers such as 4021-07 stay text.
 */
const MONTH = /^((?:19|20)\d{2})(?:[-/](\d{1,2})|年(\d{1,2})月)$/;

/** A month's text as the Sheets serial number of its first day, or null when `text` is not one. */
export function parseMonth(text: string): number | null {
  const found = MONTH.exec(text.trim());
  if (!found) return null;
  const month = Number(found[2] ?? found[3]);
  if (month < 1 || month > 12) return null;
  return Date.UTC(Number(found[1]), month - 1, 1) / DAY_MS + EPOCH_SERIAL;
}

/**
 * ¥1,200,000, ￥1,200,000, 1,200,000円, -¥500, 12.5: an optional sign and currency, grouped
 * digits. Japanese Excel writes ¥ as byte 0x5C in Shift_JIS, which decodes as a backslash.
 */
const AMOUNT = /^([-−])?\s*[¥￥$\\]?\s*([-−])?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*円?$/;

/** An amount or count as a number, or null when `text` is not one. "007" stays text: it is a code. */
export function parseAmount(text: string): number | null {
  const found = AMOUNT.exec(text.trim());
  if (!found) return null;
  const [, sign, innerSign, digits, fraction] = found;
  if (sign && innerSign) return null;
  if (!digits.includes(',') && digits.length > 1 && digits.startsWith('0')) return null;
  const value = Number(digits.replace(/,/g, '') + (fraction ?? ''));
  return sign || innerSign ? -value : value;
}

const t = (en: string, ja: string): Localized => ({ en, ja });
const refuse = (text: Localized): never => {
  throw new KpiError(text, 'file');
};
const fmt = (n: number) => n.toLocaleString('en-US');

/** What the import says when a file cannot be imported; each ends by saying nothing was imported. */
export const IMPORT_PROBLEMS = {
  empty: () => t('The file is empty. Nothing was imported.', 'ファイルが空です。取り込みは行っていません。'),
  noRows: () =>
    t(
      'The file has column names but no rows of data. Nothing was imported.',
      '列名の行だけで、データの行がありません。取り込みは行っていません。',
    ),
  noHeader: (value: string) =>
    t(
      `The first row holds data (“${value}”), not column names. Add a first row naming the columns (e.g. Owner, Stage, Date, Amount) and import again. Nothing was imported.`,
      `1行目が列名ではなくデータ（「${value}」）です。1行目に列名（例: 担当者, ステージ, 日付, 金額）を入れてから取り込んでください。取り込みは行っていません。`,
    ),
  blankName: (column: number) =>
    t(
      `Column ${column} has no name in the first row. Name every column and import again. Nothing was imported.`,
      `${column} 列目の列名（1行目）が空です。すべての列に名前を付けてから取り込んでください。取り込みは行っていません。`,
    ),
  duplicateName: (name: string) =>
    t(
      `Two columns are named “${name}”. Give each column its own name and import again. Nothing was imported.`,
      `「${name}」という列名が2つあります。列名を重複しないようにしてから取り込んでください。取り込みは行っていません。`,
    ),
  tooManyCells: (row: number, cells: number, columns: number) =>
    t(
      `Row ${fmt(row)} has ${cells} values but the first row names ${columns} columns. Nothing was imported.`,
      `${fmt(row)} 行目の値は ${cells} 個ですが、1行目の列名は ${columns} 個です。取り込みは行っていません。`,
    ),
  notADate: (row: number, column: string, value: string) =>
    t(
      `Row ${fmt(row)}, column “${column}”: “${value}” is not a date. Dates must read like 2026/4/1, 2026-04-01 or 4/1/2026 (a month alone like 2026-04). Nothing was imported.`,
      `${fmt(row)} 行目「${column}」列の「${value}」は日付ではありません。日付は 2026/4/1、2026-04-01、4/1/2026 の形（月だけなら 2026-04）にしてください。取り込みは行っていません。`,
    ),
  tooLarge: (rows: number, columns: number) =>
    t(
      `The file has ${fmt(rows)} rows × ${fmt(columns)} columns, more than the ${fmt(MAX_CELLS)} cells a spreadsheet can hold. Split the export (e.g. by year) and import each part. Nothing was imported.`,
      `ファイルは ${fmt(rows)} 行 × ${fmt(columns)} 列で、スプレッドシートに入る ${fmt(MAX_CELLS)} セルを超えます。期間などで分けて書き出し、分けて取り込んでください。取り込みは行っていません。`,
    ),
};

const blank = (s: string | undefined) => s === undefined || s.trim() === '';

/** Refuses a table of `rows` data rows and `columns` columns that would not fit in a spreadsheet. */
export function checkSize(rows: number, columns: number): void {
  if ((rows + 1) * columns > MAX_CELLS) refuse(IMPORT_PROBLEMS.tooLarge(rows, columns));
}

/**
 * The first row must name the columns: every cell text, none a date or an amount, none twice. A
 * month alone may name a column (a pivot with the months across).
 */
function checkHeader(header: readonly string[]): void {
  const data = header.find((cell) => !blank(cell) && (parseDate(cell) !== null || parseAmount(cell) !== null));
  if (data !== undefined) refuse(IMPORT_PROBLEMS.noHeader(data.trim()));
  const unnamed = header.findIndex(blank);
  if (unnamed >= 0) refuse(IMPORT_PROBLEMS.blankName(unnamed + 1));
  const seen = new Set<string>();
  for (const name of header) {
    const key = name.trim().toLowerCase();
    if (seen.has(key)) refuse(IMPORT_PROBLEMS.duplicateName(name.trim()));
    seen.add(key);
  }
}

/**
 * A column's type from its values, and its cells converted (each value parsed once): dates when
 * all are dates or months (a month is its first day, so links count it in that month); a column
 * mostly of dates with some text is refused at the first text (a date column with "TBD" in it
 * would count wrong by month); numbers when all are amounts; else text.
 */
function typedColumn(name: string, values: readonly string[], firstRow: number): { type: ColumnType; cells: DataCell[] } {
  const texts = values.map((v) => v.trim());
  const filled = texts.filter((v) => v !== '').length;
  const text = (): { type: ColumnType; cells: DataCell[] } => ({ type: 'text', cells: texts.map((v) => (v === '' ? null : v)) });
  if (filled === 0) return text();
  const dates = texts.map((v) => (v === '' ? null : (parseDate(v) ?? parseMonth(v))));
  const dated = dates.filter((d) => d !== null).length;
  if (dated * 2 >= filled) {
    const bad = texts.findIndex((v, i) => v !== '' && dates[i] === null);
    if (bad >= 0) refuse(IMPORT_PROBLEMS.notADate(firstRow + bad, name, texts[bad]));
    return { type: dates.some((d) => d !== null && !Number.isInteger(d)) ? 'datetime' : 'date', cells: dates };
  }
  const numbers = texts.map((v) => (v === '' ? null : parseAmount(v)));
  if (numbers.filter((n) => n !== null).length < filled) return text();
  return { type: numbers.every((n) => n === null || Number.isInteger(n)) ? 'whole' : 'number', cells: numbers };
}

/**
 * The table a file's records make: the first record names the columns; trailing columns empty
 * throughout are dropped, short records padded. Refuses (KpiError on field `file`) a file with no
 * header, text in a date column, or too many cells.
 */
export function toTable(records: readonly (readonly string[])[]): DataTable {
  const nonEmpty = records.filter((r) => r.some((cell) => !blank(cell)));
  if (nonEmpty.length === 0) refuse(IMPORT_PROBLEMS.empty());
  const width = (r: readonly string[]) => r.reduce((last, cell, i) => (blank(cell) ? last : i + 1), 0);
  const used = width(nonEmpty[0]);
  const header = Array.from({ length: used }, (_, i) => (nonEmpty[0][i] ?? '').trim());
  checkHeader(header);
  const body = nonEmpty.slice(1);
  if (body.length === 0) refuse(IMPORT_PROBLEMS.noRows());
  checkSize(body.length, used);
  const long = body.findIndex((r) => width(r) > used);
  if (long >= 0) refuse(IMPORT_PROBLEMS.tooManyCells(long + 2, width(body[long]), used));
  const columns = header.map((name, c) =>
    typedColumn(
      name,
      body.map((r) => r[c] ?? ''),
      2,
    ),
  );
  const rows = body.map((_, i) => columns.map((column) => column.cells[i]));
  return { header, types: columns.map((column) => column.type), rows };
}

/** A sheet name from a file name: `Opportunities 2026.csv` → `Opportunities 2026`. */
export function dataSheetName(fileName: string): string {
  const base = fileName
    .replace(/^.*[/\\]/, '')
    .replace(/\.(csv|tsv|txt)$/i, '')
    .replace(/[[\]*?/\\:]/g, ' ')
    .trim()
    .slice(0, 90);
  return base || 'Data';
}

/** A serial date as people read it in the file's own calendar: 2026-04-01 (14:30). */
export function serialText(serial: number): string {
  const at = new Date(Math.round((serial - EPOCH_SERIAL) * DAY_MS));
  const iso = at.toISOString();
  return Number.isInteger(serial) ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
