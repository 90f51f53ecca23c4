import fc from 'fast-check';
import { covering, rectangles, slice } from '../../src/core/sheet/writes';

/** A small sheet drawn as text: `w` wanted, `.` writable, `#` never to be written. */
function sheet(picture: string[]) {
  const at = (row: number, column: number) => picture[row - 1]?.[column - 1] ?? '#';
  return {
    rows: picture.map((_, i) => i + 1),
    columns: Math.max(...picture.map((r) => r.length)),
    want: (r: number, c: number) => at(r, c) === 'w',
    may: (r: number, c: number) => at(r, c) !== '#',
  };
}

/** The rectangles written to a sheet drawn as text, over all its rows or the `rows` given. */
function rectanglesOf(picture: string[], rows?: number[]) {
  const s = sheet(picture);
  return rectangles(rows ?? s.rows, s.columns, s.want, s.may);
}

describe('rectangles to write', () => {
  it('merges the same columns in consecutive rows into one call', () => {
    expect(rectanglesOf(['ww#ww', 'ww#ww', 'ww#ww'])).toEqual([
      { row: 1, column: 1, rows: 3, columns: 2 },
      { row: 1, column: 4, rows: 3, columns: 2 },
    ]);
  });

  it('widens over writable cells between wanted ones, never over an input', () => {
    expect(rectanglesOf(['w.w#w'])).toEqual([
      { row: 1, column: 1, rows: 1, columns: 3 },
      { row: 1, column: 5, rows: 1, columns: 1 },
    ]);
  });

  it('writes nothing where nothing is wanted, and skips rows it is not given', () => {
    const picture = ['...', 'www', 'www'];
    expect(rectanglesOf(picture)).toEqual([{ row: 2, column: 1, rows: 2, columns: 3 }]);
    expect(rectanglesOf(picture, [1, 3])).toEqual([{ row: 3, column: 1, rows: 1, columns: 3 }]);
  });

  it('covers every wanted cell and touches no forbidden one, on any sheet', () => {
    const cell = fc.constantFrom('w', '.', '#');
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 8 }), (grid) => {
        const s = sheet(grid.map((r) => r.join('')));
        const found = rectangles(s.rows, s.columns, s.want, s.may);
        const written = new Set<string>();
        for (const r of found) {
          for (let i = 0; i < r.rows; i++)
            for (let j = 0; j < r.columns; j++) {
              expect(s.may(r.row + i, r.column + j)).toBe(true);
              written.add(`${r.row + i},${r.column + j}`);
            }
        }
        s.rows.forEach((row) => {
          for (let c = 1; c <= s.columns; c++) if (s.want(row, c)) expect(written.has(`${row},${c}`)).toBe(true);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('covers exactly the given cells, merging blocks of rows', () => {
    const cells = [
      { row: 7, column: 7, rows: 1, columns: 3 },
      { row: 8, column: 7, rows: 1, columns: 3 },
      { row: 8, column: 34, rows: 1, columns: 12 },
      { row: 9, column: 34, rows: 1, columns: 12 },
    ];
    expect(covering(cells)).toEqual([
      { row: 7, column: 7, rows: 2, columns: 3 },
      { row: 8, column: 34, rows: 2, columns: 12 },
    ]);
  });

  it('slices the part of a grid a rectangle covers', () => {
    expect(
      slice(
        [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
        { row: 2, column: 2, rows: 2, columns: 2 },
      ),
    ).toEqual([
      [5, 6],
      [8, 9],
    ]);
  });
});
