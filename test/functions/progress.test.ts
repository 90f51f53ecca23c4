import { call, column, errorOf, expectNames } from './call';

describe('KPI_ACHIEVEMENT', () => {
  it('is actual ÷ plan per cell, exact in decimal terms', () => {
    expect(call('KPI_ACHIEVEMENT', 0.3, 0.1)).toBe(3);
    expect(call('KPI_ACHIEVEMENT', column(45, 60, ''), column(50, 50, 50))).toEqual(column(0.9, 1.2, ''));
    expect(call('KPI_ACHIEVEMENT', [['900万', '¥1,200,000']], [[10000000, 1000000]])).toEqual([[0.9, 1.2]]);
  });

  it('a blank actual is blank, not 0%', () => {
    expect(call('KPI_ACHIEVEMENT', '', 50)).toBe('');
  });

  it('when lower is better it is plan ÷ actual; an actual of 0 gives a blank, never Infinity', () => {
    expect(call('KPI_ACHIEVEMENT', 0.04, 0.02, true)).toBe(0.5);
    expect(call('KPI_ACHIEVEMENT', column(0.01, 0, ''), column(0.02, 0.02, 0.02), 'TRUE')).toEqual(column(2, '', ''));
  });

  it('rejects a zero plan, mismatched shapes and a lower-is-better negative actual', () => {
    expectNames(errorOf('KPI_ACHIEVEMENT', 10, 0), 'KPI_ACHIEVEMENT', 'plan', '0');
    expectNames(errorOf('KPI_ACHIEVEMENT', column(1, 2, 3), column(1, 2, 3, 4)), 'KPI_ACHIEVEMENT', 'plan', '3×1');
    expect(errorOf('KPI_ACHIEVEMENT', column(1, 2, 3), column(1, 2, 3, 4)).text.en).toContain('3×1 vs 4×1');
    expectNames(errorOf('KPI_ACHIEVEMENT', -1, 2, true), 'KPI_ACHIEVEMENT', 'actual', '-1');
    expectNames(errorOf('KPI_ACHIEVEMENT', 1, 2, 'maybe'), 'KPI_ACHIEVEMENT', 'lower_is_better', '"maybe"');
  });
});

describe('KPI_FORECAST', () => {
  it('adds the actuals entered and the plan of every period without one', () => {
    expect(call('KPI_FORECAST', column(80, 95, '', ''), column(100, 100, 100, 120))).toBe(395);
  });

  it('counts an entered 0 as an actual, and sums without noise', () => {
    expect(call('KPI_FORECAST', column(0, ''), column(100, 100))).toBe(100);
    expect(call('KPI_FORECAST', [[0.1, 0.2, '']], [[1, 1, 0]])).toBe(0.3);
  });

  it('accepts a row of actuals against a column of plans of the same length; a blank plan counts 0', () => {
    expect(call('KPI_FORECAST', [[10, '']], column(1, ''))).toBe(10);
  });

  it('rejects ranges of different lengths and error values', () => {
    const lengths = errorOf('KPI_FORECAST', column(1, 2), column(1, 2, 3));
    expectNames(lengths, 'KPI_FORECAST', 'plan');
    expect(lengths.text.en).toBe('KPI_FORECAST: actuals and plan must have the same number of cells, got 2 vs 3.');
    expectNames(errorOf('KPI_FORECAST', column(1, '#REF!'), column(1, 2)), 'KPI_FORECAST', 'actuals', '#REF!');
  });
});

describe('KPI_PACE', () => {
  it('divides what is left of the target by the periods left', () => {
    expect(call('KPI_PACE', 1200, column(100, 100, 100, '', '', '', '', '', '', '', '', ''))).toBe(100);
    expect(call('KPI_PACE', 1, column(0.1, 0.2, ''))).toBe(0.7);
  });

  it('counts periods up to the last actual entered, so a forgotten month counts as passed', () => {
    expect(call('KPI_PACE', 120, column(10, '', 30, '', ''))).toBe(40);
  });

  it('takes the number of periods when the actuals cover only part of the year', () => {
    expect(call('KPI_PACE', 1200, column(100, 100), 12)).toBe(100);
  });

  it('is 0 once the target is reached, never negative', () => {
    expect(call('KPI_PACE', 100, column(60, 70, ''))).toBe(0);
  });

  it('returns the whole shortfall when no period is left', () => {
    expect(call('KPI_PACE', 100, column(30, 40))).toBe(30);
  });

  it('rejects fewer periods than those with actuals, and a non-whole period count', () => {
    expectNames(errorOf('KPI_PACE', 100, column(30, 40, 10), 2), 'KPI_PACE', 'periods', '2');
    expectNames(errorOf('KPI_PACE', 100, column(30), 2.5), 'KPI_PACE', 'periods', '2.5');
    expectNames(errorOf('KPI_PACE', 'lots', column(30)), 'KPI_PACE', 'target', '"lots"');
  });
});
