import { call, column, errorOf, expectNames } from './call';

describe('KPI_REQUIRED', () => {
  it('divides the KGI back through the chain, rounding up at every stage', () => {
    expect(call('KPI_REQUIRED', 1000000000, 2000000, 0.3, 0.2)).toBe(8335);
  });

  it('is exact in decimal terms: floating-point noise never bumps a rounded figure', () => {
    expect(call('KPI_REQUIRED', 7, 0.7)).toBe(10);
    expect(call('KPI_REQUIRED', 21, 0.7)).toBe(30);
    expect(call('KPI_REQUIRED', 0.3, 0.1)).toBe(3);
    expect(call('KPI_REQUIRED', 1, 0.07)).toBe(15);
    expect(call('KPI_REQUIRED', 7, 0.07)).toBe(100);
    expect(call('KPI_REQUIRED', 1.1, 0.11)).toBe(10);
    expect(call('KPI_REQUIRED', 100, 0.2, 0.2, 0.2)).toBe(12500);
    expect(call('KPI_REQUIRED', 9007199254740991, 1)).toBe(9007199254740991);
    expect(call('KPI_REQUIRED', 123456789012, 0.001)).toBe(123456789012000);
  });

  it('accepts rates above 1 (a deal size) and ranges of rates read row by row, skipping blanks', () => {
    expect(
      call('KPI_REQUIRED', 1000000000, [
        [2000000, ''],
        [0.3, 0.2],
      ]),
    ).toBe(8335);
    expect(call('KPI_REQUIRED', 1000000000, column(2000000, ''), [[0.3, 0.2]])).toBe(8335);
  });

  it('reads amounts written as text, as planners type them', () => {
    expect(call('KPI_REQUIRED', '10億', '¥2,000,000', '30%', '20%')).toBe(8335);
    expect(call('KPI_REQUIRED', '１０億', '200万', '３０％', '２０％')).toBe(8335);
    expect(call('KPI_REQUIRED', '1.5千', '￥1,500')).toBe(1);
    expect(call('KPI_REQUIRED', ' ¥1bn ', '2000000円', '30%', '20%')).toBe(8335);
  });

  it('computes one result per cell of a range KGI, in its shape; a blank KGI stays blank', () => {
    expect(call('KPI_REQUIRED', column(1000000000, '', 7), 2000000, 0.3, 0.2)).toEqual(column(8335, '', 20));
    expect(call('KPI_REQUIRED', [[70, 21]], 0.7)).toEqual([[100, 30]]);
  });

  it('a zero KGI needs no activity', () => {
    expect(call('KPI_REQUIRED', 0, 0.3)).toBe(0);
  });

  it('rejects zero, negative and non-numeric rates, naming the rate', () => {
    expectNames(errorOf('KPI_REQUIRED', 1000, 0.3, 0), 'KPI_REQUIRED', 'rate2', '0');
    expectNames(errorOf('KPI_REQUIRED', 1000, -0.3), 'KPI_REQUIRED', 'rate1', '-0.3');
    expectNames(errorOf('KPI_REQUIRED', 1000, 0.3, 'abc'), 'KPI_REQUIRED', 'rate2', '"abc"');
    const inRange = errorOf('KPI_REQUIRED', 1000, column(0.3, 0));
    expectNames(inRange, 'KPI_REQUIRED', 'rate1', '0');
    expect(inRange.text.en).toContain('rate1 (row 2, column 1)');
    expect(inRange.text.ja).toContain('rate1（2 行 1 列目）');
    expect(errorOf('KPI_REQUIRED', 1000, 0.3, 'abc').text).toEqual({
      en: 'KPI_REQUIRED: rate2 must be a number greater than 0, got "abc".',
      ja: 'KPI_REQUIRED: rate2 には 0 より大きい数値を指定してください（受け取った値: "abc"）。',
    });
  });

  it('requires a KGI and at least one rate', () => {
    expectNames(errorOf('KPI_REQUIRED', 1000), 'KPI_REQUIRED', 'rate1');
    expectNames(errorOf('KPI_REQUIRED', 1000, column('', '')), 'KPI_REQUIRED', 'rate1');
    expectNames(errorOf('KPI_REQUIRED'), 'KPI_REQUIRED', 'kgi');
    expectNames(errorOf('KPI_REQUIRED', -5, 0.3), 'KPI_REQUIRED', 'kgi', '-5');
  });

  it('refuses a result too large to hold exactly rather than returning a rounded one', () => {
    const error = errorOf('KPI_REQUIRED', 1e15, 0.001);
    expect(error.text.en).toMatch(/^KPI_REQUIRED: .*too large/);
    expect(error.text.ja).toMatch(/^KPI_REQUIRED: .*大きすぎ/);
  });
});

describe('KPI_FUNNEL', () => {
  it('lays out the whole chain down a column, rounding up at every stage by default', () => {
    expect(call('KPI_FUNNEL', 1000000000, column(2000000, 0.3, 0.2))).toEqual(column(1000000000, 500, 1667, 8335));
  });

  it('spills right when the rates are a row, and down for a single rate', () => {
    expect(call('KPI_FUNNEL', 1000000000, [[2000000, 0.3, 0.2]])).toEqual([[1000000000, 500, 1667, 8335]]);
    expect(call('KPI_FUNNEL', 1000, 0.3)).toEqual(column(1000, 3334));
  });

  it('with "final" keeps stages exact and rounds up only the last one', () => {
    const [kgi, orders, deals, leads] = (call('KPI_FUNNEL', 1000000000, column(2000000, 0.3, 0.2), 'final') as number[][]).map((r) => r[0]);
    expect([kgi, orders, leads]).toEqual([1000000000, 500, 8334]);
    expect(deals).toBeCloseTo(1666.6666666666667, 10);
  });

  it('with "none" keeps every stage exact, and is decimal-exact where the quotient is', () => {
    expect(call('KPI_FUNNEL', 21, [[0.7, 0.1]], ' None ')).toEqual([[21, 30, 300]]);
  });

  it('keeps a blank rate cell blank so the chain lines up with the labels beside it', () => {
    expect(call('KPI_FUNNEL', 1000000000, column(2000000, '', 0.3, 0.2))).toEqual(column(1000000000, 500, '', 1667, 8335));
  });

  it('rejects a range KGI, a 2D range of rates, an unknown rounding and a zero rate', () => {
    expectNames(errorOf('KPI_FUNNEL', column(1, 2), 0.3), 'KPI_FUNNEL', 'kgi', '2×1');
    expectNames(
      errorOf('KPI_FUNNEL', 1000, [
        [0.3, 0.2],
        [0.1, 0.5],
      ]),
      'KPI_FUNNEL',
      'rates',
      '2×2',
    );
    expectNames(errorOf('KPI_FUNNEL', 1000, 0.3, 'up'), 'KPI_FUNNEL', 'rounding', '"up"');
    expectNames(errorOf('KPI_FUNNEL', 1000, column(0.3, 0)), 'KPI_FUNNEL', 'rates', '0');
    expectNames(errorOf('KPI_FUNNEL', 1000, column('', '')), 'KPI_FUNNEL', 'rates');
  });
});

describe('KPI_FORWARD', () => {
  it("multiplies targets forward: the article's plan reaches only 36% of the KGI", () => {
    expect(call('KPI_FORWARD', 600, 0.3, 2000000)).toBe(360000000);
    expect(call('KPI_FORWARD', 600, '30%', '¥2,000,000')).toBe(360000000);
  });

  it('shows no floating-point noise', () => {
    expect(call('KPI_FORWARD', 0.1, 3)).toBe(0.3);
    expect(call('KPI_FORWARD', 3, 0.1, 0.7)).toBe(0.21);
    expect(call('KPI_FORWARD', 8335, 0.2, 0.3, 2000000)).toBe(1000200000);
  });

  it('computes per cell of a volume range, in its shape', () => {
    expect(
      call(
        'KPI_FORWARD',
        [
          [100, ''],
          [50, 0],
        ],
        0.3,
      ),
    ).toEqual([
      [30, ''],
      [15, 0],
    ]);
  });

  it('rejects negative rates and volumes, and a result beyond any number', () => {
    expectNames(errorOf('KPI_FORWARD', 100, -0.3), 'KPI_FORWARD', 'rate1', '-0.3');
    expectNames(errorOf('KPI_FORWARD', column(1, -1), 0.3), 'KPI_FORWARD', 'volume', '-1');
    expect(errorOf('KPI_FORWARD', 1e300, 1e10).text.en).toMatch(/^KPI_FORWARD: .*too large/);
  });
});
