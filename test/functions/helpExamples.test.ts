/**
 * The help's examples are computed by the real functions: each documented call is read as Sheets
 * reads it (numbers, percentages, text, TRUE/FALSE and array literals, rows split by `;`) and its
 * result compared with the one the help shows.
 */
import { FUNCTION_DOCS, type FunctionName } from '../../src/functions/docs';
import type { CellResult, CellValue } from '../../src/functions/spec';
import { call } from './call';

/** Splits on `separator` outside quotes and braces. */
function split(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '{') depth++;
    else if (!quoted && ch === '}') depth--;
    else if (!quoted && depth === 0 && ch === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  return [...parts, text.slice(start)].map((p) => p.trim());
}

/** One literal as Sheets reads it: 30% is 0.3. */
function literal(text: string): CellValue {
  if (text === '') return null;
  if (text === 'TRUE' || text === 'FALSE') return text === 'TRUE';
  const quoted = /^"(.*)"$/.exec(text);
  if (quoted) return quoted[1];
  const number = /^(-?\d+(?:\.\d+)?)(%?)$/.exec(text);
  if (!number) throw new Error(`Not a literal: ${text}`);
  return number[2] ? Number(number[1]) / 100 : Number(number[1]);
}

function argument(text: string): CellValue | CellValue[][] {
  const array = /^\{(.*)\}$/.exec(text);
  return array ? split(array[1], ';').map((row) => split(row, ',').map(literal)) : literal(text);
}

/** A result as the cells show it: a spill's rows split by `;`, its columns by `,`. */
const shown = (result: CellResult): string =>
  Array.isArray(result) ? `{${result.map((row) => row.join(', ')).join('; ')}}` : String(result);

describe.each(Object.entries(FUNCTION_DOCS))('the help example of %s', (name, doc) => {
  it(`${doc.example} → ${doc.result}`, () => {
    const formula = new RegExp(`^=${name}\\((.*)\\)$`).exec(doc.example);
    expect(formula).not.toBeNull();
    const args = split(formula![1], ',').map(argument);
    expect(shown(call(name as FunctionName, ...args))).toBe(doc.result);
  });
});

describe('reading the examples', () => {
  it('reads percentages as Sheets does and arrays row by row', () => {
    expect(argument('{700; 14.5%}')).toEqual([[700], [0.145]]);
    expect(argument('{1, 1, 2}')).toEqual([[1, 1, 2]]);
    expect(argument('"Deal rate"')).toBe('Deal rate');
  });
});
