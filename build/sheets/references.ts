/**
 * Where things are on a sheet: rectangles of cells, A1 notation and the references in formulas,
 * and how each follows rows and columns that are inserted, deleted or moved, as in Sheets.
 */

export type Axis = 'row' | 'column';
/** A rectangle of cells, 1-based; stored ranges are moved in place. */
export type Grid = { row: number; column: number; rows: number; columns: number };
export type Change =
  | { kind: 'insert'; at: number; n: number }
  | { kind: 'delete'; at: number; n: number }
  | { kind: 'move'; from: number; to: number };

/** A copy of a rectangle's coordinates (of a range, say), to store or hand out. */
export const gridOf = (g: Grid): Grid => ({ row: g.row, column: g.column, rows: g.rows, columns: g.columns });

export const inside = (g: Grid, row: number, column: number) =>
  row >= g.row && row < g.row + g.rows && column >= g.column && column < g.column + g.columns;
export const intersects = (a: Grid, b: Grid) =>
  a.row < b.row + b.rows && b.row < a.row + a.rows && a.column < b.column + b.columns && b.column < a.column + a.columns;

/** Every cell of `grid` lies in one of `ranges`. */
export function covered(grid: Grid, ranges: readonly Grid[]): boolean {
  for (let r = grid.row; r < grid.row + grid.rows; r++) {
    for (let c = grid.column; c < grid.column + grid.columns; c++) if (!ranges.some((g) => inside(g, r, c))) return false;
  }
  return true;
}

// Rows and columns moving.

export function mapPoint(x: number, c: Change): number | null {
  switch (c.kind) {
    case 'insert':
      return x >= c.at ? x + c.n : x;
    case 'delete':
      return x < c.at ? x : x >= c.at + c.n ? x - c.n : null;
    case 'move':
      if (x === c.from) return c.to;
      if (c.from < c.to && x > c.from && x <= c.to) return x - 1;
      if (c.from > c.to && x >= c.to && x < c.from) return x + 1;
      return x;
  }
}

/** A span after the change: it grows when rows are inserted inside it, shrinks or goes when deleted. */
function mapSpan(start: number, end: number, c: Change): [number, number] | null {
  switch (c.kind) {
    case 'insert':
      return [start >= c.at ? start + c.n : start, end >= c.at ? end + c.n : end];
    case 'delete': {
      const last = c.at + c.n - 1;
      const s = start < c.at ? start : start > last ? start - c.n : c.at;
      const e = end < c.at ? end : end > last ? end - c.n : c.at - 1;
      return e < s ? null : [s, e];
    }
    case 'move': {
      if (start === end) {
        const p = mapPoint(start, c)!;
        return [p, p];
      }
      // As a deletion then an insertion: the moved row leaves a span and may join another.
      const removed = mapSpan(start, end, { kind: 'delete', at: c.from, n: 1 })!;
      return mapSpan(removed[0], removed[1], { kind: 'insert', at: c.to, n: 1 });
    }
  }
}

export function moveGrid(g: Grid, axis: Axis, c: Change): boolean {
  const span = axis === 'row' ? mapSpan(g.row, g.row + g.rows - 1, c) : mapSpan(g.column, g.column + g.columns - 1, c);
  if (!span) return false;
  if (axis === 'row') [g.row, g.rows] = [span[0], span[1] - span[0] + 1];
  else [g.column, g.columns] = [span[0], span[1] - span[0] + 1];
  return true;
}

// A1 notation and formula references.

function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

const fromLetters = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

export function a1Of(g: Grid, absolute = false): string {
  const $ = absolute ? '$' : '';
  const cell = (row: number, column: number) => `${$}${columnLetter(column)}${$}${row}`;
  const start = cell(g.row, g.column);
  return g.rows === 1 && g.columns === 1 && !absolute ? start : `${start}:${cell(g.row + g.rows - 1, g.column + g.columns - 1)}`;
}

/** `'Sheet name'!$B$7:$C$9`: an absolute reference to a rectangle on a named sheet. */
export const sheetRef = (sheetName: string, g: Grid) => `'${sheetName.replace(/'/g, "''")}'!${a1Of(g, true)}`;

export function parseA1(a1: string): Grid {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(a1.trim());
  if (!m) throw new Error(`Range not found: ${a1} (this fake reads only B7 and B7:C9)`);
  const [c1, r1] = [fromLetters(m[1]), Number(m[2])];
  const [c2, r2] = m[3] ? [fromLetters(m[3]), Number(m[4])] : [c1, r1];
  return { row: Math.min(r1, r2), column: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, columns: Math.abs(c2 - c1) + 1 };
}

interface CellRef {
  colLock: boolean;
  column: number;
  rowLock: boolean;
  row: number;
}

const SHEET_NAME = String.raw`(?:'(?:[^']|'')+'|[\p{L}\p{N}_.]+)`;
const CELL = String.raw`(\$?)([A-Z]{1,3})(\$?)(\d+)`;
/** A string literal, or a cell or range reference with an optional sheet. */
const REFERENCE = new RegExp(
  String.raw`("(?:[^"]|"")*")|(?<![\p{L}\p{N}_.$!'])(?:(${SHEET_NAME})!)?${CELL}(?::${CELL})?(?![\p{L}\p{N}_(!])`,
  'gu',
);
/** A string literal, or anything addressed on a named sheet (`Tree!B2`, `'A b'!A:A`). */
const SHEET_REFERENCE = new RegExp(
  String.raw`("(?:[^"]|"")*")|(?<![\p{L}\p{N}_.$!'])(${SHEET_NAME})!\$?[A-Z]*\$?\d*(?::\$?[A-Z]*\$?\d*)?`,
  'gu',
);

const unquote = (name: string) => (name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name);
const cellText = (c: CellRef) => `${c.colLock ? '$' : ''}${columnLetter(c.column)}${c.rowLock ? '$' : ''}${c.row}`;

/** Rewrites each reference of a formula; `fn` returns null to drop it for #REF!. */
function mapRefs(formula: string, fn: (sheet: string | undefined, cells: CellRef[]) => CellRef[] | null): string {
  return formula.replace(
    REFERENCE,
    (match: string, quoted: string | undefined, sheet: string | undefined, ...parts: (string | undefined)[]) => {
      if (quoted !== undefined) return match;
      const cells: CellRef[] = [];
      for (let i = 0; i < 8; i += 4) {
        if (parts[i + 1] === undefined) continue;
        cells.push({
          colLock: parts[i] === '$',
          column: fromLetters(parts[i + 1]!),
          rowLock: parts[i + 2] === '$',
          row: Number(parts[i + 3]),
        });
      }
      const mapped = fn(sheet === undefined ? undefined : unquote(sheet), cells);
      if (mapped === null) return '#REF!';
      return `${sheet === undefined ? '' : `${sheet}!`}${mapped.map(cellText).join(':')}`;
    },
  );
}

/** Moves the relative references of a formula by rows and columns, as copying it does. */
export function shiftFormula(formula: string, rows: number, columns: number): string {
  return mapRefs(formula, (_sheet, cells) => {
    const moved = cells.map((c) => ({ ...c, row: c.rowLock ? c.row : c.row + rows, column: c.colLock ? c.column : c.column + columns }));
    return moved.some((c) => c.row < 1 || c.column < 1) ? null : moved;
  });
}

/** A formula on `sheetName` after its rows or columns changed: references follow their cells. */
export function moveRefs(formula: string, sheetName: string, axis: Axis, change: Change): string {
  return mapRefs(formula, (sheet, cells) => {
    if (sheet !== undefined && sheet.toLowerCase() !== sheetName.toLowerCase()) return cells;
    const field = axis === 'row' ? 'row' : 'column';
    if (cells.length === 1) {
      const moved = mapPoint(cells[0][field], change);
      return moved === null ? null : [{ ...cells[0], [field]: moved }];
    }
    const span = mapSpan(cells[0][field], cells[1][field], change);
    return span === null
      ? null
      : [
          { ...cells[0], [field]: span[0] },
          { ...cells[1], [field]: span[1] },
        ];
  });
}

/** Every reference to a deleted sheet becomes #REF!. */
export function dropSheetRefs(formula: string, sheetName: string): string {
  return formula.replace(SHEET_REFERENCE, (match: string, quoted: string | undefined, sheet: string) =>
    quoted === undefined && unquote(sheet).toLowerCase() === sheetName.toLowerCase() ? '#REF!' : match,
  );
}
