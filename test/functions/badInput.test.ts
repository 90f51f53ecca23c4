import { KpiError } from '../../src/core/i18n';
import { call, errorOf, expectNames } from './call';

/** Each function with valid arguments, and the numeric arguments to spoil one at a time. */
const CASES: [fn: string, args: unknown[], numeric: Record<string, number>][] = [
  ['KPI_REQUIRED', [1000, 0.3], { kgi: 0, rate1: 1 }],
  ['KPI_FUNNEL', [1000, 0.3], { kgi: 0, rates: 1 }],
  ['KPI_FORWARD', [100, 0.3], { volume: 0, rate1: 1 }],
  ['KPI_ACHIEVEMENT', [1, 2], { actual: 0, plan: 1 }],
  ['KPI_IMPACT', [2, 1, 10], { plan: 0, actual: 1, output: 2 }],
  ['KPI_BOTTLENECK', ['leads', 1, 0.5], { plan: 1, actual: 2 }],
  ['KPI_PHASE', [100, 1], { annual: 0, weights: 1 }],
  ['KPI_FORECAST', [1, 2], { actuals: 0, plan: 1 }],
  ['KPI_PACE', [100, 10, 12], { target: 0, actuals: 1, periods: 2 }],
];

const SHEET_ERRORS = ['#N/A', '#DIV/0!', '#REF!', '#VALUE!', '#NAME?', '#NUM!', '#ERROR!', '#NULL!'];
const NOT_NUMBERS: [string, unknown, string][] = [
  ['text', 'abc', '"abc"'],
  ['NaN', NaN, 'NaN'],
  ['Infinity', Infinity, 'Infinity'],
  ['-Infinity', -Infinity, '-Infinity'],
  ['a boolean', true, 'TRUE'],
  ['a date', new Date(2024, 3, 1), '2024-04-01'],
];

const spoil = (args: unknown[], at: number, value: unknown): unknown[] => args.map((a, i) => (i === at ? value : a));

describe.each(CASES)('%s', (fn, args, numeric) => {
  it('works with the valid arguments', () => {
    expect(() => call(fn, ...args)).not.toThrow();
  });

  describe.each(Object.entries(numeric))('argument %s', (arg, at) => {
    it.each(SHEET_ERRORS)('names the Sheets error %s', (code) => {
      expectNames(errorOf(fn, ...spoil(args, at, code)), fn, arg, code);
      expectNames(errorOf(fn, ...spoil(args, at, [[code]])), fn, arg, code);
    });

    it.each(NOT_NUMBERS)('rejects %s, saying a number was expected', (_, value, shown) => {
      const error = errorOf(fn, ...spoil(args, at, value));
      expectNames(error, fn, arg, shown);
      expect(error.text.en).toMatch(/must be .*number/);
      expect(error.text.ja).toContain('数');
    });
  });

  it('names the first argument when called without arguments', () => {
    const first = Object.entries(numeric).sort((a, b) => a[1] - b[1])[0][0];
    const error = errorOf(fn);
    expect(error).toBeInstanceOf(KpiError);
    expect(error.text.en.startsWith(`${fn}: `)).toBe(true);
    expect(error.text.en).toContain(fn === 'KPI_BOTTLENECK' ? 'stages' : first);
  });
});
