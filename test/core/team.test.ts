import fc from 'fast-check';
import type { KpiError } from '../../src/core/i18n';
import { evenSplit, ownersIn } from '../../src/core/team';

describe('evenSplit: whole shares that add up exactly', () => {
  it('gives the extra units to the first in order', () => {
    expect(evenSplit(1_000_000_000, 3)).toEqual([333_333_334, 333_333_333, 333_333_333]);
    expect(evenSplit(10, 4)).toEqual([3, 3, 2, 2]);
    expect(evenSplit(120_000_000, 3)).toEqual([40_000_000, 40_000_000, 40_000_000]);
    expect(evenSplit(2, 5)).toEqual([1, 1, 0, 0, 0]);
  });

  it('always adds up to the total, with shares at most one unit apart', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 1, max: 200 }), (total, count) => {
        const shares = evenSplit(total, count);
        expect(shares).toHaveLength(count);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
        expect(shares.every(Number.isInteger)).toBe(true);
      }),
    );
  });

  it('refuses a KGI that is not a whole amount, or nobody to split among, naming what is wrong', () => {
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error as KpiError;
      }
      throw new Error('not refused');
    };
    expect(refusal(() => evenSplit(1000.5, 3)).field).toBe('kgi');
    expect(refusal(() => evenSplit(Number.NaN, 3)).text.ja).toMatch(/KGI/);
    expect(refusal(() => evenSplit(1000, 0)).field).toBe('people');
  });
});

describe('ownersIn', () => {
  it('lists the owners of an owner column in the order they first appear, blanks left out, names kept as written', () => {
    expect(ownersIn(['Ben', '', 'Aiko', 'Ben', '=Carol', '  ', 42])).toEqual(['Ben', 'Aiko', '=Carol', '42']);
  });
});
