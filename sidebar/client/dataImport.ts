/**
 * The Import data section's logic: a picked file's bytes decoded (the platform's TextDecoder:
 * UTF-8, else Shift_JIS as Japanese Excel saves CSV), split into records by papaparse, made a
 * table by the core, and sent to the server in chunks that each become one write.
 */
import Papa from 'papaparse';
import { type DataCell, type DataTable, toTable } from '../../src/core/dataImport';
import { KpiError, type Localized } from '../../src/core/i18n';
import type { ImportResult, ServerApi } from '../../src/rpc';
import type { Promisified } from './rpc';

export type Encoding = 'UTF-8' | 'UTF-16' | 'Shift_JIS';

/**
 * A file larger than this is refused before it is read: its text and records would take the
 * sidebar's memory, and no spreadsheet (10 million cells) holds more than this in an export.
 */
export const MAX_BYTES = 100 * 1024 * 1024;

/**
 * Cells per call. Google documents no size limit for google.script.run arguments, but each call
 * is one Apps Script execution (at most 6 minutes) and one upload: 20,000 cells keeps a call a
 * few hundred kilobytes and a second or two, so a slow network or a large file never nears it.
 */
export const CELLS_PER_CALL = 20_000;

const t = (en: string, ja: string): Localized => ({ en, ja });
const refuse = (text: Localized): never => {
  throw new KpiError(text, 'file');
};

export const FILE_PROBLEMS = {
  binary: (file: string) =>
    t(
      `“${file}” is not a CSV or TSV text file (it looks like a spreadsheet or other binary file). Save it as CSV (UTF-8 or Shift_JIS) and import that. Nothing was imported.`,
      `「${file}」はCSV・TSVのテキストファイルではありません（Excelブックなどのバイナリファイルのようです）。CSV（UTF-8 または Shift_JIS）で保存してから取り込んでください。取り込みは行っていません。`,
    ),
  encoding: (file: string) =>
    t(
      `“${file}” is neither UTF-8 nor Shift_JIS text, so its characters cannot be read. Save it as “CSV UTF-8” and import that. Nothing was imported.`,
      `「${file}」は UTF-8 でも Shift_JIS でもないため、文字を読み取れません。「CSV UTF-8」形式で保存してから取り込んでください。取り込みは行っていません。`,
    ),
  tooBig: (file: string, megabytes: number) =>
    t(
      `“${file}” is ${megabytes} MB; files over 100 MB cannot be imported. Split the export (e.g. by year) and import each part. Nothing was imported.`,
      `「${file}」は ${megabytes} MB です。100 MB を超えるファイルは取り込めません。期間などで分けて書き出してください。取り込みは行っていません。`,
    ),
  quotes: (row: number) =>
    t(
      `Row ${row}: a quoted value never ends (a " is missing). Nothing was imported.`,
      `${row} 行目: 引用符（"）で始まる値が閉じられていません。取り込みは行っていません。`,
    ),
};

/** Text from bytes: a BOM says the encoding; else UTF-8 if every byte sequence is valid, else Shift_JIS. */
export function decode(bytes: Uint8Array, file: string): { readonly text: string; readonly encoding: Encoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'UTF-16' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'UTF-16' };
  // Text files hold no NUL bytes; spreadsheets (.xlsx is a zip), images and PDFs do.
  if (bytes.subarray(0, 65_536).includes(0)) refuse(FILE_PROBLEMS.binary(file));
  for (const encoding of ['UTF-8', 'Shift_JIS'] as const) {
    try {
      return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding };
    } catch {
      // Not this encoding: try the next.
    }
  }
  return refuse(FILE_PROBLEMS.encoding(file));
}

/** The records of CSV or TSV text: papaparse guesses the delimiter (comma, tab, semicolon, bar). */
export function records(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  // Every error but an undetectable delimiter (a file of one column) is fatal.
  const broken = parsed.errors.find((e) => e.type === 'Quotes');
  if (broken) refuse(FILE_PROBLEMS.quotes((broken.row ?? 0) + 1));
  return parsed.data;
}

export interface PickedFile {
  readonly name: string;
  readonly encoding: Encoding;
  readonly table: DataTable;
}

/** A picked file read as a table, or refused (KpiError on field `file`) saying why. */
export function readFile(name: string, bytes: Uint8Array): PickedFile {
  if (bytes.length > MAX_BYTES) refuse(FILE_PROBLEMS.tooBig(name, Math.round(bytes.length / 1024 / 1024)));
  const { text, encoding } = decode(bytes, name);
  return { name, encoding, table: toTable(records(text)) };
}

/** The table's rows in runs of at most CELLS_PER_CALL cells, each with its first sheet row (the header is row 1). */
export function chunks(
  table: DataTable,
  cellsPerCall = CELLS_PER_CALL,
): { readonly row: number; readonly rows: readonly (readonly DataCell[])[] }[] {
  const size = Math.max(1, Math.floor(cellsPerCall / table.header.length));
  const out = [];
  for (let i = 0; i < table.rows.length; i += size) out.push({ row: i + 2, rows: table.rows.slice(i, i + size) });
  return out;
}

/**
 * Imports a table into the data sheet `sheetName`: a pending sheet filled chunk by chunk, then
 * swapped in by the server in one call. A failed chunk removes the pending sheet, so the data
 * sheet keeps its earlier rows.
 */
export async function importTable(
  rpc: Promisified<ServerApi>,
  file: PickedFile,
  sheetName: string,
  progress: (written: number) => void = () => undefined,
  cellsPerCall = CELLS_PER_CALL,
): Promise<ImportResult> {
  const { table } = file;
  const ticket = await rpc.startImport({
    sheetName,
    fileName: file.name,
    header: [...table.header],
    types: [...table.types],
    rows: table.rows.length,
  });
  try {
    for (const chunk of chunks(table, cellsPerCall)) {
      await rpc.importRows(ticket, chunk.row, chunk.rows as DataCell[][]);
      progress(chunk.row - 2 + chunk.rows.length);
    }
    return await rpc.finishImport(ticket);
  } catch (error) {
    await rpc.cancelImport(ticket).catch(() => undefined);
    throw error;
  }
}
