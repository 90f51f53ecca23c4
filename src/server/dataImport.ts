/**
 * Importing a file into a data sheet: the team's own rows (one per deal, lead or activity) that
 * tree nodes count by owner, stage and month. The sidebar reads the file and sends its rows in
 * chunks; they go to a pending sheet, so a run that dies part-way (a closed sidebar, a 6-minute
 * kill) leaves the data sheet as it was and a pending sheet the next import of it removes. The
 * last call puts the rows into the data sheet in one copy: the sheet itself stays (same id), so
 * formulas and links that read it keep working, and it records its import in developer metadata.
 */
import { COLUMN_FORMATS, type ColumnType, type DataCell, MAX_CELLS } from '../core/dataImport';
import type { CellContent } from '../core/sheet/draft';
import type { Vocabulary } from '../core/vocabulary';
import type { ImportResult, ImportStart, ImportTicket } from '../rpc';
import type { SheetGateway } from './gateway';
import { refuse } from './refusals';
import { locked, opened, uniqueSheetName } from './trees';

const TYPES: readonly ColumnType[] = ['date', 'datetime', 'whole', 'number', 'text'];

/** What a data sheet's tag records of the import that filled it. */
export interface DataImport {
  readonly file: string;
  readonly header: readonly string[];
  readonly types: readonly ColumnType[];
  /** Data rows, without the header. */
  readonly rows: number;
  /** When it was imported (ISO). */
  readonly importedAt: string;
  /** Set while its rows are being replaced: a run killed then leaves a sheet that says so. */
  readonly incomplete?: true;
}

/** A pending sheet's tag: the run it belongs to and the data sheet it fills. */
interface Pending extends Omit<DataImport, 'importedAt'> {
  readonly id: string;
  readonly target: string;
}

type ImportTag = { readonly app: 'kpi-tree'; readonly data: DataImport } | { readonly app: 'kpi-tree'; readonly importing: Pending };

function parseImportTag(raw: string): ImportTag | null {
  try {
    const tag = JSON.parse(raw) as Partial<{ app: string; data: DataImport; importing: Pending }>;
    if (tag.app !== 'kpi-tree') return null;
    if (tag.data) return { app: 'kpi-tree', data: tag.data };
    return tag.importing ? { app: 'kpi-tree', importing: tag.importing } : null;
  } catch {
    return null;
  }
}

/** The data sheets and pending imports of the workbook, found by their tags (one call). */
export function importTags(workbook: SheetGateway) {
  const data = new Map<string, DataImport>();
  const pending = new Map<string, Pending>();
  for (const { sheet, tag } of workbook.taggedSheets()) {
    const parsed = parseImportTag(tag);
    if (parsed && 'data' in parsed) data.set(sheet, parsed.data);
    else if (parsed) pending.set(sheet, parsed.importing);
  }
  return { data, pending };
}

/** The pending sheet of an import into `Deals` is `Deals (importing)` (or `… (importing) (2)`). */
const PENDING_SUFFIX = / \(importing\)( \(\d+\))?$/;
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const fmt = (n: number) => n.toLocaleString('en-US');

function checkStart(vocabulary: Vocabulary, request: ImportStart): void {
  const { sheetName, header, types, rows } = request;
  if (typeof sheetName !== 'string' || sheetName.trim() !== sheetName || !/^[^[\]*?/\\:]{1,90}$/.test(sheetName)) {
    refuse(vocabulary, 'dataSheetName', 'sheetName');
  }
  const bad = (reason: string) => refuse(vocabulary, 'importRequest', 'file', { reason });
  if (!Array.isArray(header) || header.length === 0 || header.some((h) => typeof h !== 'string' || h === '')) bad('header');
  if (!Array.isArray(types) || types.length !== header.length || types.some((t) => !TYPES.includes(t))) bad('types');
  if (!Number.isInteger(rows) || rows < 1) bad('rows');
}

/** A pending sheet of this run, or the refusal saying the import was interrupted. */
function pendingOf(workbook: SheetGateway, vocabulary: Vocabulary, ticket: ImportTicket): Pending {
  const found = importTags(workbook).pending.get(ticket?.pending);
  if (!found || found.id !== ticket.id) {
    refuse(vocabulary, 'importGone', 'file', { sheet: found?.target ?? String(ticket?.pending).replace(PENDING_SUFFIX, '') });
  }
  return found;
}

export function startImport(workbook: SheetGateway, vocabulary: Vocabulary, request: ImportStart): ImportTicket {
  checkStart(vocabulary, request);
  const { sheetName, header, types } = request;
  return locked(workbook, vocabulary, () => {
    const tags = importTags(workbook);
    const existing = workbook.sheetNames().find((name) => same(name, sheetName));
    if (existing && !tags.data.has(existing)) refuse(vocabulary, 'notADataSheet', 'sheetName', { sheet: existing });
    // What a killed import of this sheet left behind goes first.
    for (const [sheet, pending] of tags.pending) if (same(pending.target, sheetName)) workbook.deleteSheet(sheet);

    const [rows, columns] = [request.rows + 1, header.length];
    const sizes = workbook.gridSizes();
    const used = sizes.reduce((sum, s) => sum + s.rows * s.columns, 0);
    const target = sizes.find((s) => s.sheet === existing);
    // The pending sheet (a new sheet starts at 1,000 × 26 before it is fitted), and the data sheet's growth.
    const grows = target ? Math.max(rows, target.rows) * Math.max(columns, target.columns) - target.rows * target.columns : 0;
    const needed = Math.max(rows * columns, 1000 * 26) + grows;
    if (used + needed > MAX_CELLS) {
      refuse(vocabulary, 'workbookFull', 'file', { needed: fmt(needed), free: fmt(Math.max(0, MAX_CELLS - used)) });
    }

    const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    const pending = uniqueSheetName(`${existing ?? sheetName} (importing)`, workbook.sheetNames());
    // A new sheet becomes the active one: people keep seeing what they were looking at.
    const active = workbook.activeSheetName();
    workbook.insertSheet(pending, 1, 1);
    if (active) workbook.activate(active);
    const tag: Pending = {
      id,
      target: existing ?? sheetName,
      file: request.fileName,
      header: [...header],
      types: [...types],
      rows: request.rows,
    };
    workbook.tagSheet(pending, JSON.stringify({ app: 'kpi-tree', importing: tag }));
    workbook.resizeSheet(pending, rows, columns);
    const headerRange = { row: 1, column: 1, rows: 1, columns };
    workbook.setContents(pending, headerRange, [header.map((text) => ({ text }))]);
    workbook.setFontWeights(pending, headerRange, [header.map(() => 'bold' as const)]);
    // Formats before values: a serial number in a date-formatted cell is a date, in any time zone.
    const formats = types.map((type) => COLUMN_FORMATS[type]);
    workbook.setNumberFormats(
      pending,
      { row: 2, column: 1, rows: request.rows, columns },
      Array.from({ length: request.rows }, () => formats),
    );
    workbook.setLayout(pending, { frozenRows: 1, frozenColumns: 0, hiddenColumns: [], hiddenRows: [], columnWidths: {}, columnGroups: [] });
    return { pending, id };
  });
}

/** A value of the file as written: text always as text (a value `=…` or `+81…` never becomes a formula). */
function contentOf(type: ColumnType, cell: DataCell): CellContent | undefined {
  if (cell === null) return null;
  if (type === 'text') return typeof cell === 'string' ? { text: cell } : undefined;
  return typeof cell === 'number' && Number.isFinite(cell) ? { number: cell } : undefined;
}

export function importRows(workbook: SheetGateway, vocabulary: Vocabulary, ticket: ImportTicket, row: number, rows: DataCell[][]): void {
  locked(workbook, vocabulary, () => {
    const pending = pendingOf(workbook, vocabulary, ticket);
    const bad = (reason: string) => refuse(vocabulary, 'importRequest', 'file', { reason });
    if (!Number.isInteger(row) || !Array.isArray(rows) || rows.length === 0 || row < 2 || row + rows.length - 1 > pending.rows + 1) {
      bad(`rows ${row}–${row + (rows?.length ?? 0) - 1}`);
    }
    const contents = rows.map((cells, i) => {
      if (!Array.isArray(cells) || cells.length !== pending.types.length) bad(`row ${row + i}`);
      return cells.map((cell, c) => contentOf(pending.types[c], cell) ?? bad(`row ${row + i}, column ${c + 1}`));
    });
    workbook.setContents(ticket.pending, { row, column: 1, rows: rows.length, columns: pending.types.length }, contents);
  });
}

export function finishImport(workbook: SheetGateway, vocabulary: Vocabulary, ticket: ImportTicket, now: Date): ImportResult {
  return locked(workbook, vocabulary, () => {
    const pending = pendingOf(workbook, vocabulary, ticket);
    const { id: _id, target, ...imported } = pending;
    const tag = (data: DataImport) => JSON.stringify({ app: 'kpi-tree', data });
    const done: DataImport = { ...imported, importedAt: now.toISOString() };
    const [rows, columns] = [pending.rows + 1, pending.header.length];
    const existing = workbook.sheetNames().find((name) => same(name, target));
    if (!existing) {
      workbook.renameSheet(ticket.pending, target);
      workbook.tagSheet(target, tag(done));
      return { ...opened(workbook, target), rows: pending.rows, replaced: false };
    }
    const before = importTags(workbook).data.get(existing);
    if (!before) refuse(vocabulary, 'notADataSheet', 'sheetName', { sheet: existing });
    // Marked first, so a run killed mid-swap leaves a sheet that says its rows are incomplete, and
    // spans both imports' rows and columns, so the next import empties whatever this one wrote.
    const wider = pending.header.length > before.header.length ? pending.header : before.header;
    workbook.tagSheet(existing, tag({ ...before, rows: Math.max(before.rows, pending.rows), header: wider, incomplete: true }));
    const size = workbook.gridSizes().find((s) => s.sheet === existing)!;
    workbook.resizeSheet(existing, Math.max(rows, size.rows), Math.max(columns, size.columns));
    workbook.copyRange(ticket.pending, { row: 1, column: 1, rows, columns }, existing);
    // The earlier import's rows and columns beyond the new ones are emptied; columns people added to the right stay.
    const [oldRows, oldColumns] = [before.rows + 1, before.header.length];
    if (oldRows > rows)
      workbook.clearContents(existing, { row: rows + 1, column: 1, rows: oldRows - rows, columns: Math.max(oldColumns, columns) });
    if (oldColumns > columns) workbook.clearContents(existing, { row: 1, column: columns + 1, rows, columns: oldColumns - columns });
    workbook.tagSheet(existing, tag(done));
    workbook.deleteSheet(ticket.pending);
    return { ...opened(workbook, existing), rows: pending.rows, replaced: true };
  });
}

export function cancelImport(workbook: SheetGateway, vocabulary: Vocabulary, ticket: ImportTicket): void {
  locked(workbook, vocabulary, () => {
    const pending = importTags(workbook).pending.get(ticket?.pending);
    if (pending && pending.id === ticket.id) workbook.deleteSheet(ticket.pending);
  });
}
