import {
  type FieldMessages,
  fieldText,
  parseField,
  parsePercent,
  parseWeights,
  parseYear,
  percentNote,
  readWeights,
  typedAs,
} from '../../sidebar/client/parse';
import { MESSAGES } from '../../sidebar/client/text';

describe('seasonal weights pasted into a form', () => {
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

  it('reads none for an even split, and says what is wrong beside the weights', () => {
    const errors: FieldMessages = new Map();
    expect(readWeights(null, errors)).toBeNull();
    expect(readWeights(row.join(' '), errors)).toEqual(row);
    expect(errors.size).toBe(0);
    expect(readWeights('1 2 3', errors)).toBeNull();
    expect(errors).toEqual(new Map([['seasonality', MESSAGES.twelveWeights]]));
  });
});

describe('figures typed into fields', () => {
  it('reads rates and shares as percent, with or without the sign', () => {
    expect(parsePercent('30')).toBeCloseTo(0.3, 12);
    expect(parsePercent('30%')).toBe(parsePercent('30'));
    expect(parsePercent('abc')).toBeNull();
    expect(parseField('25', 'percent')).toBe(0.25);
    expect(parseField('10億', 'amount')).toBe(1_000_000_000);
  });

  it('reads a four-digit fiscal year only', () => {
    expect(parseYear(' 2025 ')).toBe(2025);
    expect(parseYear('25')).toBeNull();
    expect(parseYear('2025.5')).toBeNull();
  });

  it.each([
    [0.3, 'percent', '30'],
    [0.125, 'percent', '12.5'],
    [2_000_000, 'amount', '2,000,000'],
    [1.5, 'amount', '1.5'],
  ] as const)('writes %p as a %s field holds it, and reads it back', (value, unit, text) => {
    expect(fieldText(value, unit)).toBe(text);
    expect(parseField(fieldText(value, unit), unit)).toBeCloseTo(value, 12);
  });
});

describe('a fraction typed into a percent field', () => {
  it('is read as the percentage it is, and the field says so', () => {
    expect(parseField('0.3', 'percent')).toBeCloseTo(0.003, 12);
    expect(percentNote('0.3', 'percent')).toEqual({ en: '0.3% — did you mean 30%?', ja: '0.3% と読みました。30% のつもりですか？' });
    expect(percentNote('０．２５', 'percent')?.en).toBe('0.25% — did you mean 25%?');
  });

  it.each([
    ['a percentage', '30'],
    ['a fraction typed with its %', '0.3%'],
    ['zero', '0'],
    ['text', 'abc'],
  ])('says nothing of %s', (_, text) => {
    expect(percentNote(text, 'percent')).toBeNull();
  });

  it('says nothing in a money field', () => {
    expect(percentNote('0.3', 'amount')).toBeNull();
  });
});

describe('a field’s text in a message', () => {
  it('is what the planner typed, a percent field’s bare number with its %', () => {
    expect(typedAs(' 150 ', 'percent')).toBe('150%');
    expect(typedAs('150%', 'percent')).toBe('150%');
    expect(typedAs('abc', 'percent')).toBe('abc');
    expect(typedAs('30%', 'amount')).toBe('30%');
  });
});
