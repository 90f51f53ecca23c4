import type { Localized } from './i18n';
import { EXPECT, type Expectation, label, mismatch, missing, mustBe, sheetError } from './inputErrors';
import { parseAmount } from './numbers';

/**
 * Arguments as Sheets passes them to a custom function (numbers, text, booleans, dates, '' for
 * a blank cell, 2D arrays for ranges), read into numbers with errors that name the argument.
 */

/** An argument as rows of cells; a single value is a 1×1 grid that is not a range. */
export interface ArgRange {
  readonly name: string;
  readonly rows: number;
  readonly cols: number;
  readonly values: readonly (readonly unknown[])[];
  readonly range: boolean;
}

/** What a function returns per cell: a number, or '' for a blank. */
export type Out = number | string;

/** An argument as a grid; an omitted argument (undefined, not a blank cell) is `missing`. */
export function argRange(name: string, arg: unknown): ArgRange {
  if (arg === undefined) throw missing(label(name));
  if (!Array.isArray(arg)) return { name, rows: 1, cols: 1, values: [[arg]], range: false };
  const values = arg as unknown[][];
  return { name, rows: values.length, cols: values.length ? values[0].length : 0, values, range: true };
}

export const size = (g: ArgRange): number => g.rows * g.cols;

/** Cell `i`, counting row by row (ranges are read row by row). */
export const argValue = (g: ArgRange, i: number): unknown => g.values[Math.floor(i / g.cols)][i % g.cols];

/** Every cell row by row, mapped. */
export const mapCells = <T>(g: ArgRange, f: (i: number) => T): T[] => Array.from({ length: size(g) }, (_, i) => f(i));

export const isBlank = (v: unknown): boolean => v === '' || v === null || v === undefined;

const shape = (g: ArgRange): string => `${g.rows}×${g.cols}`;

/** The label of cell `i`: the argument's name, with row and column inside a range. */
export const at = (g: ArgRange, i: number): Localized =>
  label(g.name, g.range ? { row: Math.floor(i / g.cols) + 1, col: (i % g.cols) + 1 } : undefined);

const SHEET_ERROR = /^#(?:N\/A|[A-Z0-9/]+[!?])$/;

/** The number in cell `i`, or null when blank; anything not `expected` is an error. */
export function optionalNumber(g: ArgRange, i: number, expected: Expectation): number | null {
  const v = argValue(g, i);
  if (typeof v === 'number') {
    if (Number.isFinite(v) && expected.accepts(v)) return v;
  } else if (isBlank(v)) {
    return null;
  } else if (typeof v === 'string') {
    const n = parseAmount(v);
    if (n !== null && expected.accepts(n)) return n;
    if (n === null && SHEET_ERROR.test(v.trim())) throw sheetError(at(g, i), v.trim());
  }
  throw mustBe(at(g, i), expected, v);
}

/** Like `optionalNumber`, but a blank is an error too. */
export function number(g: ArgRange, i: number, expected: Expectation): number {
  const n = optionalNumber(g, i, expected);
  if (n === null) throw mustBe(at(g, i), expected, argValue(g, i));
  return n;
}

/** An argument that must be one cell (a 1×1 range is one). */
export function single(name: string, arg: unknown): ArgRange {
  const g = argRange(name, arg);
  if (size(g) !== 1) throw mustBe(label(name), EXPECT.cell, arg);
  return g;
}

/** An argument that must be a single row or column (or one cell). */
export function line(name: string, arg: unknown): ArgRange {
  const g = argRange(name, arg);
  if (g.rows > 1 && g.cols > 1) throw mustBe(label(name), EXPECT.line, arg);
  return g;
}

export function sameShape(a: ArgRange, b: ArgRange): void {
  if (a.rows !== b.rows || a.cols !== b.cols) throw mismatch(a.name, b.name, [shape(a), shape(b)], 'shape');
}

export function sameLength(a: ArgRange, b: ArgRange): void {
  const [m, n] = [size(a), size(b)];
  if (m !== n) throw mismatch(a.name, b.name, [String(m), String(n)], 'length');
}

/** Computes every cell, returned in the argument's shape: one value for a single cell. */
export function perCell(g: ArgRange, f: (i: number) => Out): Out | Out[][] {
  if (!g.range) return f(0);
  const out = new Array<Out[]>(g.rows);
  for (let r = 0, i = 0; r < g.rows; r++) {
    const row = (out[r] = new Array<Out>(g.cols));
    for (let c = 0; c < g.cols; c++, i++) row[c] = f(i);
  }
  return out;
}

/** Values computed along a line argument, laid out like it: a row spills right, else down. */
export const spill = (g: ArgRange, values: readonly Out[]): Out[][] =>
  g.rows === 1 && g.cols > 1 ? [[...values]] : values.map((v) => [v]);

/**
 * The numbers of a repeating argument (`rate1, rate2, …`), each a number or a range read row
 * by row; blank cells are skipped, and at least one number is required.
 */
export function numberList(name: string, args: readonly unknown[], expected: Expectation): number[] {
  const values: number[] = [];
  args.forEach((arg, k) => {
    const g = argRange(`${name}${k + 1}`, arg);
    for (let i = 0; i < size(g); i++) {
      const n = optionalNumber(g, i, expected);
      if (n !== null) values.push(n);
    }
  });
  if (values.length === 0) throw missing(label(`${name}1`));
  return values;
}

/** TRUE or FALSE (also as text); blank or omitted means FALSE. */
export function flag(name: string, arg: unknown): boolean {
  if (isBlank(arg)) return false;
  const v = argValue(single(name, arg), 0);
  if (typeof v === 'boolean') return v;
  const text = typeof v === 'string' ? v.trim().toUpperCase() : '';
  if (text === 'TRUE' || text === 'FALSE') return text === 'TRUE';
  throw mustBe(label(name), EXPECT.flag, v);
}
