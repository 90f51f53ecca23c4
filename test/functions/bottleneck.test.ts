import { call, column, errorOf, expectNames } from './call';

const STAGES = column('leads', 'deal rate', 'win rate', 'deal size');
const PLAN = column(1000, 0.2, 0.3, 2000000);

describe('KPI_IMPACT', () => {
  it('is output × (plan ÷ actual − 1) per stage', () => {
    // 800 × 25% × 30% × ¥2m = ¥120m.
    expect(call('KPI_IMPACT', PLAN, column(800, 0.25, 0.3, 2000000), 120000000)).toEqual(column(30000000, -24000000, 0, 0));
  });

  it('without output gives the gain as a fraction of the current output', () => {
    expect(call('KPI_IMPACT', column(0.3, 100), column(0.2, 80))).toEqual(column(0.5, 0.25));
  });

  it('leaves blank actuals and zero actuals blank (a zero stage has no finite ratio)', () => {
    expect(call('KPI_IMPACT', column(100, 0.3, 0.2), column(80, '', 0), 0)).toEqual(column(0, '', ''));
  });

  it('rejects mismatched shapes and negative actuals', () => {
    expect(errorOf('KPI_IMPACT', column(1, 2), [[1, 2]]).text.en).toBe(
      'KPI_IMPACT: plan and actual must have the same shape, got 2×1 vs 1×2.',
    );
    expectNames(errorOf('KPI_IMPACT', 1, -2), 'KPI_IMPACT', 'actual', '-2');
    expectNames(errorOf('KPI_IMPACT', 1, 2, column(1, 2)), 'KPI_IMPACT', 'output', '2×1');
  });
});

describe('KPI_BOTTLENECK', () => {
  it('names the stage with the lowest actual ÷ plan', () => {
    expect(call('KPI_BOTTLENECK', STAGES, PLAN, column(900, 0.15, 0.27, 2100000))).toBe('deal rate');
  });

  it('ranks a zero actual first and skips stages without actuals', () => {
    expect(call('KPI_BOTTLENECK', STAGES, PLAN, column(100, '', 0, 2000000))).toBe('win rate');
    expect(call('KPI_BOTTLENECK', STAGES, PLAN, column('', '', 0.15, ''))).toBe('win rate');
  });

  it('breaks ties, compared exactly, in favour of the earliest stage', () => {
    // 0.1 ÷ 0.2 and 0.15 ÷ 0.3 are both exactly one half.
    expect(call('KPI_BOTTLENECK', STAGES, PLAN, column(1000, 0.1, 0.15, 2000000))).toBe('deal rate');
  });

  it('is blank when no stage is behind plan or none has an actual yet', () => {
    expect(call('KPI_BOTTLENECK', STAGES, PLAN, column(1000, 0.2, 0.35, 2000000))).toBe('');
    expect(call('KPI_BOTTLENECK', STAGES, PLAN, column('', '', '', ''))).toBe('');
  });

  it('takes rows and columns alike when they have as many cells', () => {
    expect(call('KPI_BOTTLENECK', [['leads', 'deals']], column(100, 20), [[50, 19]])).toBe('leads');
  });

  it('rejects lists of different lengths, a zero plan where there is an actual, and a blank stage name', () => {
    expectNames(errorOf('KPI_BOTTLENECK', STAGES, column(1, 2), PLAN), 'KPI_BOTTLENECK', 'plan');
    expect(errorOf('KPI_BOTTLENECK', STAGES, column(1, 2), PLAN).text.en).toContain('got 4 vs 2');
    expectNames(errorOf('KPI_BOTTLENECK', column('a', 'b'), column(0, 1), column(1, 1)), 'KPI_BOTTLENECK', 'plan', '0');
    const unnamed = errorOf('KPI_BOTTLENECK', column('a', ''), column(1, 1), column(1, 0.5));
    expectNames(unnamed, 'KPI_BOTTLENECK', 'stages');
    expect(unnamed.text.en).toBe('KPI_BOTTLENECK: stages (row 2, column 1) must be a name, got a blank cell.');
    expectNames(
      errorOf(
        'KPI_BOTTLENECK',
        [
          ['a', 'b'],
          ['c', 'd'],
        ],
        column(1, 1),
        column(1, 1),
      ),
      'KPI_BOTTLENECK',
      'stages',
      '2×2',
    );
  });
});
