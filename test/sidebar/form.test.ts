import { defaultFiscalYear, parseWeights } from '../../sidebar/client/form';

describe('seasonal weights pasted into the plan form', () => {
  const row = [8, 8, 9, 8, 7, 10, 8, 8, 9, 8, 7, 10];

  it.each([
    ['a row copied from Sheets (tabs)', row.join('\t')],
    ['commas', row.join(', ')],
    ['spaces and a trailing newline', `${row.join(' ')}\n`],
  ])('accepts %s', (_, text) => {
    expect(parseWeights(text)).toEqual(row);
  });

  it.each([
    ['eleven numbers', row.slice(1).join('\t')],
    ['a word among them', [...row.slice(1), 'x'].join('\t')],
    ['a negative weight', [...row.slice(1), -1].join('\t')],
    ['all zero', Array(12).fill(0).join('\t')],
  ])('refuses %s', (_, text) => {
    expect(parseWeights(text)).toBeNull();
  });
});

describe('the default fiscal year', () => {
  it('is last calendar year before an April start month, this year from April', () => {
    expect(defaultFiscalYear(new Date(2026, 1, 10), 4)).toBe(2025);
    expect(defaultFiscalYear(new Date(2026, 3, 1), 4)).toBe(2026);
    expect(defaultFiscalYear(new Date(2026, 0, 1), 1)).toBe(2026);
  });
});
