import { KpiError, type Localized } from './i18n';

/**
 * Every message about bad input is built here, from a few templates, in both languages. A
 * message names the input (a function argument or form field), the value received and what
 * was expected; `inFunction` then prefixes the custom function's name.
 */

/** What an input must be: the phrase shown to the user and the test a number must pass. */
export interface Expectation extends Localized {
  readonly accepts: (n: number) => boolean;
}

const expect = (en: string, ja: string, accepts: (n: number) => boolean = () => true): Expectation => ({
  en,
  ja,
  accepts,
});

export const EXPECT = {
  number: expect('a number', '数値'),
  positive: expect('a number greater than 0', '0 より大きい数値', (n) => n > 0),
  nonNegative: expect('a number of 0 or more', '0 以上の数値', (n) => n >= 0),
  wholePositive: expect('a whole number greater than 0', '1 以上の整数', (n) => n > 0 && Number.isSafeInteger(n)),
  wholeNonNegative: expect('a whole number of 0 or more', '0 以上の整数', (n) => n >= 0 && Number.isSafeInteger(n)),
  cell: expect('a single cell', '1 つのセル'),
  line: expect('a single row or column', '1 行または 1 列の範囲'),
  flag: expect('TRUE or FALSE', 'TRUE または FALSE'),
  text: expect('a name', '名前'),
  rounding: expect('"ceil", "final" or "none"', '"ceil"、"final"、"none" のいずれか'),
} as const;

/** The input's name in both languages; a cell of a range is named by its row and column. */
export function label(name: string, at?: { row: number; col: number }): Localized {
  return at ? { en: `${name} (row ${at.row}, column ${at.col})`, ja: `${name}（${at.row} 行 ${at.col} 列目）` } : { en: name, ja: name };
}

const same = (text: string): Localized => ({ en: text, ja: text });
const two = (n: number): string => String(n).padStart(2, '0');

/** How a received value is shown: text quoted, a blank cell, TRUE, a date, a range's shape. */
export function shown(value: unknown): Localized {
  if (value === '' || value === null || value === undefined) return { en: 'a blank cell', ja: '空白' };
  if (typeof value === 'string') return same(JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value));
  if (typeof value === 'boolean') return same(value ? 'TRUE' : 'FALSE');
  if (Array.isArray(value)) {
    const shape = `${value.length}×${Array.isArray(value[0]) ? value[0].length : 1}`;
    return { en: `a ${shape} range`, ja: `${shape} の範囲` };
  }
  if (value instanceof Date) {
    const day = `${value.getFullYear()}-${two(value.getMonth() + 1)}-${two(value.getDate())}`;
    return { en: `the date ${day}`, ja: `日付 ${day}` };
  }
  return same(String(value));
}

/** `rate2 must be a number greater than 0, got "abc".` */
export function mustBe(input: Localized, expected: Localized, got: unknown): KpiError {
  const g = shown(got);
  const space = /^[!-~]/.test(expected.ja) ? ' ' : '';
  return new KpiError(
    {
      en: `${input.en} must be ${expected.en}, got ${g.en}.`,
      ja: `${input.ja} には${space}${expected.ja}を指定してください（受け取った値: ${g.ja}）。`,
    },
    input.en,
  );
}

export function missing(input: Localized): KpiError {
  return new KpiError({ en: `${input.en} is required.`, ja: `${input.ja} を指定してください。` }, input.en);
}

/** A Sheets error value such as `#N/A` reached the input: the fix is in the cell it came from. */
export function sheetError(input: Localized, code: string): KpiError {
  return new KpiError(
    {
      en: `${input.en} holds the error ${code}; fix the cell it comes from first.`,
      ja: `${input.ja} がエラー ${code} になっています。参照元のセルを先に直してください。`,
    },
    input.en,
  );
}

/** Two ranges that must match: by shape (`3×1 vs 4×1`) or, for lists, by number of cells. */
export function mismatch(a: string, b: string, sizes: [string, string], by: 'shape' | 'length'): KpiError {
  const what = by === 'shape' ? { en: 'the same shape', ja: '同じ形' } : { en: 'the same number of cells', ja: '同じセル数' };
  return new KpiError(
    {
      en: `${a} and ${b} must have ${what.en}, got ${sizes[0]} vs ${sizes[1]}.`,
      ja: `${a} と ${b} は${what.ja}の範囲にしてください（受け取った値: ${sizes[0]} と ${sizes[1]}）。`,
    },
    b,
  );
}

export function tooLarge(): KpiError {
  return new KpiError({
    en: 'the result is too large to hold exactly; check the inputs.',
    ja: '計算結果が大きすぎて正確に扱えません。入力値を確認してください。',
  });
}

/** Prefixes a custom function's name, so the cell says which formula is wrong. */
export function inFunction(name: string, error: KpiError): KpiError {
  return new KpiError({ en: `${name}: ${error.text.en}`, ja: `${name}: ${error.text.ja}` }, error.field);
}

/** What a sidebar field accepts: the kind of figure, its range, and the test a value must pass. */
export interface FieldRule {
  readonly kind: 'percent' | 'yen' | 'count' | 'number';
  readonly range: 'upToHundred' | 'belowHundred' | 'positive' | 'nonNegative';
  readonly accepts: (n: number) => boolean;
}

export type TypedProblem = 'blank' | 'notANumber' | 'percent' | 'range';

/** What each kind of field holds, and an example of it as a planner types it. */
const KIND: Record<FieldRule['kind'], { noun: Localized; example: Localized }> = {
  percent: { noun: { en: 'a percentage', ja: '%の値' }, example: same('30') },
  yen: { noun: { en: 'an amount of money', ja: '金額' }, example: { en: '10億 or 1,000,000,000', ja: '10億 や 1,000,000,000' } },
  count: { noun: { en: 'a count', ja: '件数' }, example: same('1,200') },
  number: { noun: { en: 'a number', ja: '数値' }, example: same('2.5') },
};

const RANGE: Record<FieldRule['range'], Localized> = {
  upToHundred: { en: 'more than 0% and at most 100%', ja: '0% より大きく 100% 以下' },
  belowHundred: { en: 'more than 0% and less than 100%', ja: '0% より大きく 100% 未満' },
  positive: { en: 'more than 0', ja: '0 より大きい値' },
  nonNegative: { en: '0 or more', ja: '0 以上' },
};

/**
 * A form field's refusal in a planner's words: the field, what it takes, and what was typed as
 * it was typed (`typed`: "150%", a text quoted). `Win rate must be more than 0% and at most
 * 100%; you typed 150%.`
 */
export function typedWrong(field: Localized, rule: FieldRule, typed: string, problem: TypedProblem): Localized {
  const { noun, example } = KIND[rule.kind];
  const range = RANGE[rule.range];
  const space = /^[!-~]/.test(range.ja) ? ' ' : '';
  switch (problem) {
    case 'blank':
      return {
        en: `${field.en} is blank: type ${noun.en} such as ${example.en}.`,
        ja: `${field.ja}が空欄です。${example.ja} のような${noun.ja}を入力してください。`,
      };
    case 'notANumber':
      return {
        en: `${field.en} must be ${noun.en} such as ${example.en}; you typed “${typed}”.`,
        ja: `${field.ja}は ${example.ja} のような${noun.ja}で入力してください（入力: 「${typed}」）。`,
      };
    case 'percent':
      return {
        en: `${field.en} is ${noun.en}, not a percentage: type it as ${example.en}; you typed ${typed}.`,
        ja: `${field.ja}は${noun.ja}の欄で、% は使えません。${example.ja} のように入力してください（入力: ${typed}）。`,
      };
    case 'range':
      return {
        en: `${field.en} must be ${range.en}; you typed ${typed}.`,
        ja: `${field.ja}は${space}${range.ja}にしてください（入力: ${typed}）。`,
      };
  }
}
