import fc from 'fast-check';
import { parseAmount } from '../../src/core/numbers';

describe('parseAmount', () => {
  it.each([
    ['30%', 0.3],
    ['1,000,000', 1000000],
    ['¥2,000,000', 2000000],
    ['￥2,000,000', 2000000],
    ['2000000円', 2000000],
    ['200万', 2000000],
    ['10億', 1000000000],
    ['1.5千', 1500],
    ['1兆', 1e12],
    ['１０億', 1000000000],
    ['３０％', 0.3],
    ['  12.5 ', 12.5],
    ['$5', 5],
    ['¥1bn', 1e9],
    ['1BN', 1e9],
    ['1b', 1e9],
    ['50k', 50000],
    ['2mn', 2000000],
    ['1.2M', 1200000],
    ['1億2,000万', 120000000],
    ['3億5千', 300005000],
    ['▲500', -500],
    ['-¥1,000', -1000],
    ['¥-1,000', -1000],
    ['−7', -7],
    ['.5', 0.5],
    ['1e3', 1000],
    ['0.07%', 0.0007],
  ])('reads %j as %p', (text, value) => {
    expect(parseAmount(text)).toBe(value);
  });

  it.each(['', 'abc', '1,00', '1,0000', '--1', '¥30%', '$5円', '1万億', '万', '5.', '1 2', 'Infinity', 'NaN', '1e400', '#N/A', '10億k'])(
    'refuses %j',
    (text) => {
      expect(parseAmount(text)).toBeNull();
    },
  );

  it('round-trips amounts formatted en-US with a yen sign', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(parseAmount(`¥${n.toLocaleString('en-US')}`)).toBe(n);
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips percentages and decimals as typed, full width too', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 4 }), (digits, places) => {
        const text = (digits / 10 ** places).toFixed(places);
        const value = Number(text);
        expect(parseAmount(text)).toBe(value);
        expect(parseAmount(`${text}%`)).toBe(Number(`${text}e-2`));
        const fullWidth = text.replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
        expect(parseAmount(`${fullWidth}万`)).toBe(Number(`${text}e4`));
      }),
      { numRuns: 1000 },
    );
  });
});
