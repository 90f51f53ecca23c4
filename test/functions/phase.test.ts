import { call, column, errorOf, expectNames } from './call';

describe('KPI_PHASE', () => {
  it('splits an annual target over 12 equal months in a row by default', () => {
    expect(call('KPI_PHASE', 1200)).toEqual([Array(12).fill(100)]);
  });

  it('with whole gives whole numbers that add up to the annual figure, remainders to the earliest months', () => {
    expect(call('KPI_PHASE', 1000, '', true)).toEqual([[84, 84, 84, 84, 83, 83, 83, 83, 83, 83, 83, 83]]);
    expect(call('KPI_PHASE', '10億', '', true)).toEqual([[...Array(4).fill(83333334), ...Array(8).fill(83333333)]]);
  });

  it('follows seasonal weights, laid out like them', () => {
    expect(call('KPI_PHASE', 100, column(1, 3))).toEqual(column(25, 75));
    expect(call('KPI_PHASE', 1, [[0.1, 0.2, 0.7]])).toEqual([[0.1, 0.2, 0.7]]);
    expect(call('KPI_PHASE', 10, column(1, 1, 1), true)).toEqual(column(4, 3, 3));
    expect(call('KPI_PHASE', 10, column(1, 0, 2), true)).toEqual(column(3, 0, 7));
  });

  it('rejects all-zero and negative weights, a negative annual, and whole with a fractional annual', () => {
    expectNames(errorOf('KPI_PHASE', 100, column(0, 0)), 'KPI_PHASE', 'weights');
    expectNames(errorOf('KPI_PHASE', 100, column(1, -1)), 'KPI_PHASE', 'weights', '-1');
    expect(errorOf('KPI_PHASE', 100, column(1, '')).text).toEqual({
      en: 'KPI_PHASE: weights (row 2, column 1) must be a number of 0 or more, got a blank cell.',
      ja: 'KPI_PHASE: weights（2 行 1 列目） には 0 以上の数値を指定してください（受け取った値: 空白）。',
    });
    expectNames(errorOf('KPI_PHASE', -100), 'KPI_PHASE', 'annual', '-100');
    expectNames(errorOf('KPI_PHASE', 10.5, '', true), 'KPI_PHASE', 'annual', '10.5');
    expectNames(
      errorOf('KPI_PHASE', 100, [
        [1, 2],
        [3, 4],
      ]),
      'KPI_PHASE',
      'weights',
      '2×2',
    );
  });
});
