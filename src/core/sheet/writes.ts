import type { GridRange } from './draft';

/**
 * Which rectangles to write so that every wanted cell is written and no other cell is touched
 * but those `may` allows. Apps Script writes a rectangle per call, so the fewer the better:
 * a wanted run in a row widens over the writable cells between its wanted cells, and runs of
 * the same columns in consecutive rows merge into one rectangle.
 */
export function rectangles(
  rows: readonly number[],
  columns: number,
  want: (row: number, column: number) => boolean,
  may: (row: number, column: number) => boolean,
): GridRange[] {
  const done: GridRange[] = [];
  // Open rectangles by their columns, each with the last row it reached.
  let open = new Map<string, { range: GridRange; lastRow: number }>();
  for (const row of [...rows].sort((a, b) => a - b)) {
    const next = new Map<string, { range: GridRange; lastRow: number }>();
    for (const [from, to] of runs(row, columns, want, may)) {
      const key = `${from}:${to}`;
      const before = open.get(key);
      if (before && before.lastRow === row - 1) {
        next.set(key, { range: { ...before.range, rows: before.range.rows + 1 }, lastRow: row });
        open.delete(key);
      } else {
        next.set(key, { range: { row, column: from, rows: 1, columns: to - from + 1 }, lastRow: row });
      }
    }
    for (const closed of open.values()) done.push(closed.range);
    open = next;
  }
  for (const closed of open.values()) done.push(closed.range);
  return done.sort((a, b) => a.row - b.row || a.column - b.column);
}

/** In one row: from the first to the last wanted cell of each stretch of writable cells. */
function runs(
  row: number,
  columns: number,
  want: (r: number, c: number) => boolean,
  may: (r: number, c: number) => boolean,
): [number, number][] {
  const found: [number, number][] = [];
  let first = 0;
  let last = 0;
  for (let c = 1; c <= columns + 1; c++) {
    if (c <= columns && may(row, c)) {
      if (want(row, c)) {
        if (first === 0) first = c;
        last = c;
      }
      continue;
    }
    if (first !== 0) found.push([first, last]);
    first = 0;
  }
  return found;
}

/** The part of a whole-sheet grid that a rectangle covers. */
export function slice<T>(grid: readonly (readonly T[])[], range: GridRange): T[][] {
  return grid.slice(range.row - 1, range.row - 1 + range.rows).map((row) => row.slice(range.column - 1, range.column - 1 + range.columns));
}

/**
 * Ranges as few as possible that cover exactly the given cells, for protections and
 * unprotected ranges (a protection and each of its ranges costs a call).
 */
export function covering(cells: readonly GridRange[]): GridRange[] {
  const inside = new Set<string>();
  const rowSet = new Set<number>();
  let columns = 0;
  for (const r of cells) {
    for (let i = 0; i < r.rows; i++) {
      rowSet.add(r.row + i);
      for (let j = 0; j < r.columns; j++) inside.add(`${r.row + i},${r.column + j}`);
    }
    columns = Math.max(columns, r.column + r.columns - 1);
  }
  const has = (row: number, column: number) => inside.has(`${row},${column}`);
  return rectangles([...rowSet], columns, has, has);
}
