/**
 * The bottleneck panel: the stage to fix with its actual → plan and the KGI it recovers, the
 * year with and without the fix, the other levers in the sheet's ranking and the outcomes apart
 * from them, and an owner's own bottleneck. Figures are worked out by hand beside each test.
 */
import { bottleneckPanel, signed } from '../../sidebar/client/bottleneckPanel';
import { forOwner } from '../../sidebar/client/owners';
import { MESSAGES } from '../../sidebar/client/text';
import { VOCABULARY } from '../../src/core/vocabulary';
import type { NodeStatus, TreeStatus } from '../../src/rpc';
import { createServerApi } from '../../src/server/api';
import { TreeSheet } from '../support/treeSheet';
import { nodeStatus, treeStatus } from './support/status';

const JULY_2025 = new Date(2025, 6, 15);
const MONTHS = [
  '2025-04',
  '2025-05',
  '2025-06',
  '2025-07',
  '2025-08',
  '2025-09',
  '2025-10',
  '2025-11',
  '2025-12',
  '2026-01',
  '2026-02',
  '2026-03',
];

/** A new-business tree (KGI ¥1bn; deal size ¥2m, win rate 30%, deal rate 20%, lead rate 25%) with actuals typed. */
function statusOf(actuals: readonly Record<string, number>[], period: string, owners: Record<string, string> = {}): TreeStatus {
  const sheet = TreeSheet.build({ fiscalYear: 2025 }, JULY_2025);
  sheet.setting('period', period);
  actuals.forEach((month, m) => sheet.actuals(m + 1, month));
  for (const [id, owner] of Object.entries(owners)) sheet.type(id, 'owner', owner);
  return createServerApi({ workbook: sheet.workbook, today: () => JULY_2025, vocabulary: () => VOCABULARY }).getTreeStatus(sheet.name);
}

const ids = (nodes: readonly NodeStatus[]) => nodes.map((n) => n.nodeId);

describe('the server ranks the levers as the sheet does, apart from the outcomes', () => {
  // April: 2,800 visits (plan 2,778: on plan), 560 leads (lead rate 20% for 25%), 98 deals (deal
  // rate 17.5% for 20%), 21 orders (win rate 21.4% for 30%), ¥42m (¥2m a deal: on plan), 50
  // proposals (plan 900 ÷ 12 = 75). Restoring each stage alone, the others at their actuals:
  //   win rate:  (0.3 × 98 − 21) orders × ¥2m                          = ¥16,800,000
  //   lead rate: (0.25 − 0.2) × 2,800 = 140 leads × 17.5% × 21/98 × ¥2m = ¥10,500,000
  //   deal rate: (0.2 − 0.175) × 560 = 14 deals × 21/98 × ¥2m          =  ¥6,000,000
  // In tree order the deal rate comes before the lead rate: the ranking is by KGI recovered.
  const april = { visits: 2800, leads: 560, deals: 98, orders: 21, revenue: 42_000_000, proposals: 50 };
  const status = statusOf([april], '2025-04', { lead_rate: 'Marketing', deal_rate: 'Marketing' });

  it('names the lever recovering the most, and lists the others under plan in rank order', () => {
    expect(status.bottleneck).toMatchObject({ nodeId: 'win_rate', unit: 'rate', plan: 0.3, ranked: true });
    expect(status.bottleneck?.actual).toBeCloseTo(21 / 98, 12);
    expect(status.bottleneck?.recoverable).toBeCloseTo(16_800_000, 4);
    expect(ids(status.underPlan)).toEqual(['lead_rate', 'deal_rate']);
    expect(status.underPlan[0].recoverable).toBeCloseTo(10_500_000, 4);
    expect(status.underPlan[1].recoverable).toBeCloseTo(6_000_000, 4);
  });

  it('shows outcomes (the KGI, counts computed from other stages) as outcomes, and process KPIs apart', () => {
    // Revenue ¥42m of ¥83,333,333; orders 21 of 42; deals 98 of 139; leads 560 of 695. Visits and
    // the deal size are levers on plan: not listed.
    expect(ids(status.outcomes)).toEqual(['revenue', 'orders', 'deals', 'leads']);
    expect(status.outcomes.every((n) => !n.ranked)).toBe(true);
    expect(status.outcomes[1]).toMatchObject({ unit: 'count', plan: 42, actual: 21 });
    expect(status.trackedUnderPlan).toMatchObject([{ nodeId: 'proposals', plan: 75, actual: 50, recoverable: null, ranked: false }]);
  });

  it('lands the year on April’s actual plus the plan of the eleven months left, with and without the fix', () => {
    // ¥1bn − ROUND(¥1bn ÷ 12) = ¥916,666,667 still planned; + ¥42m entered = ¥958,666,667.
    expect(status.year).toEqual({
      kgi: 1_000_000_000,
      landing: 958_666_667,
      gap: -41_333_333,
      landingWithFix: 958_666_667 + 16_800_000,
      gapWithFix: -41_333_333 + 16_800_000,
    });
  });

  it('ranks nothing while the counts a lever’s recovery depends on are blank', () => {
    // Leads 20% of visits, deals not yet typed: the lead rate is behind, its recovery unknown.
    const early = statusOf([{ visits: 2800, leads: 560 }], '2025-04');
    expect(early.bottleneck).toBeNull();
    expect(early.underPlan).toMatchObject([{ nodeId: 'lead_rate', recoverable: null, ranked: false }]);
    expect(early.year).toBeNull();
    expect(bottleneckPanel(early, 'yen', null, 'en').bottleneck).toBe('notRanked');
  });

  it('says what the fix means over the months entered so far', () => {
    // April to June, the deal rate at 304 ÷ 2,100 = 14.5% the whole quarter:
    //   (0.2 × 2,100 − 304) = 116 deals × 91/304 × ¥2m = ¥69,447,368;
    //   landing ¥182m + ¥750m still planned = ¥932m, ¥68m short; with the fix ¥1,001,447,368.
    const quarter = statusOf(
      [
        { visits: 2800, leads: 700, deals: 100, orders: 30, revenue: 60_000_000 },
        { visits: 2800, leads: 700, deals: 102, orders: 31, revenue: 62_000_000 },
        { visits: 2800, leads: 700, deals: 102, orders: 30, revenue: 60_000_000 },
      ],
      'YTD',
    );
    const panel = bottleneckPanel(quarter, 'yen', null, 'en');
    expect(panel.bottleneck).toEqual({
      name: 'Deal rate',
      change: '14.5% → 20%',
      facts: [
        ['achievement', '72.4%'],
        ['recoverable', '¥69,447,368'],
      ],
    });
    expect(panel.year).toEqual([
      ['landing', '¥932,000,000'],
      ['kgi', '¥1,000,000,000'],
      ['gapToKgi', '−¥68,000,000'],
      ['landingWithFix', '¥1,001,447,368'],
      ['gapWithFix', '+¥1,447,368'],
    ]);
    expect(panel.fixMeans).toBe('With the fix: if Deal rate had been on plan in every month so far.');
    // Win rate 91 ÷ 304 = 29.9%: (0.3 × 304 − 91) = 0.2 orders × ¥2m.
    expect(panel.underPlan).toEqual([{ name: 'Win rate', change: '29.9% → 30%', facts: [['recoverable', '¥400,000']] }]);
    expect(panel.outcomes).toEqual(['Revenue: ¥182,000,000 → ¥250,000,000', 'Orders: 91 → 125', 'Deals: 304 → 417']);
  });
});

/** A lever or outcome as the server sends it. */
const node = (nodeId: string, fields: Partial<NodeStatus> = {}): NodeStatus => ({
  nodeId,
  label: nodeId,
  owner: '',
  unit: 'rate',
  plan: 0.2,
  actual: 0.145,
  achievement: 0.725,
  recoverable: 1_000_000,
  ranked: true,
  ...fields,
});

const base = treeStatus({
  fiscalYear: 2025,
  period: '2025-04',
  months: MONTHS,
  kgi: { plan: 83_333_333, actual: 42_000_000 },
  nodes: [
    {
      nodeId: 'revenue',
      label: 'Revenue',
      owner: '',
      annual: 1e9,
      periodPlan: 83_333_333,
      periodActual: 42_000_000,
      forecast: 958_666_667,
    },
  ],
  // Ranked by KGI recovered: the tree's bottleneck, then the other levers; visits cannot be ranked yet.
  bottleneck: node('win_rate', { owner: 'Sales', recoverable: 16_800_000 }),
  underPlan: [
    node('lead_rate', { owner: 'Marketing', recoverable: 10_500_000 }),
    node('deal_rate', { owner: 'Marketing', recoverable: 6_000_000 }),
    node('visits', { owner: 'Events', unit: 'count', plan: 2778, actual: 2500, recoverable: null, ranked: false }),
  ],
  outcomes: [node('revenue', { unit: 'yen', plan: 83_333_333, actual: 42_000_000, owner: 'Sales', ranked: false })],
  trackedUnderPlan: [node('proposals', { unit: 'count', plan: 75, actual: 50, recoverable: null, ranked: false, owner: 'Sales' })],
  year: { kgi: 1e9, landing: 958_666_667, gap: -41_333_333, landingWithFix: 975_466_667, gapWithFix: -24_533_333 },
});

describe('the actual → plan line', () => {
  it('says each figure in its node’s unit, as the sidebar formats numbers', () => {
    const change = (fields: Partial<NodeStatus>, lang: 'en' | 'ja' = 'en') =>
      bottleneckPanel({ ...base, bottleneck: node('x', fields) }, 'yen', null, lang).bottleneck;
    expect(change({})).toMatchObject({ change: '14.5% → 20%' });
    expect(change({ unit: 'yen', actual: 1_500_000, plan: 2_000_000 })).toMatchObject({ change: '¥1,500,000 → ¥2,000,000' });
    expect(change({ unit: 'yen', actual: 1_500_000, plan: 2_000_000 }, 'ja')).toMatchObject({ change: '¥1,500,000 → ¥2,000,000' });
    expect(change({ unit: 'count', actual: 2500, plan: 2778 })).toMatchObject({ change: '2,500 → 2,778' });
    expect(change({ actual: 0, plan: 0.3 })).toMatchObject({ change: '0% → 30%' });
    expect(change({ actual: null, achievement: null, recoverable: null })).toEqual({
      name: 'x',
      change: '— → 20%',
      facts: [
        ['achievement', '—'],
        ['recoverable', '—'],
      ],
    });
  });

  it('signs a gap to the KGI', () => {
    expect(signed(-68_000_000, 'yen', 'en')).toBe('−¥68,000,000');
    expect(signed(1_447_368.42, 'yen', 'en')).toBe('+¥1,447,368');
    expect(signed(0, 'yen', 'en')).toBe('¥0');
    expect(signed(-3, 'count', 'ja')).toBe('−3');
  });
});

describe('the panel for everyone', () => {
  const panel = bottleneckPanel(base, 'yen', null, 'en');

  it('names the stage with its owner, and the levers below it in the order given', () => {
    expect(panel.heading).toBe('Current bottleneck');
    expect(panel.bottleneck).toMatchObject({ name: 'win_rate — Sales', change: '14.5% → 20%' });
    expect(panel.underPlan.map((lever) => [lever.name, lever.facts[0][1]])).toEqual([
      ['lead_rate — Marketing', '¥10,500,000'],
      ['deal_rate — Marketing', '¥6,000,000'],
      ['visits — Events', '—'],
    ]);
    expect(panel.outcomes).toEqual(['revenue: ¥42,000,000 → ¥83,333,333']);
    expect(panel.processKpis).toEqual(['proposals: 50 → 75']);
  });

  it('says the fix for the month selected, in both languages', () => {
    expect(panel.fixMeans).toBe('With the fix: if win_rate had been on plan in 2025-04.');
    expect(bottleneckPanel(base, 'yen', null, 'ja').fixMeans).toBe('改善後: 2025-04 にwin_rateが計画どおりだった場合。');
    expect(bottleneckPanel(base, 'yen', null, 'ja').heading).toBe('現在のボトルネック');
  });

  it('leaves the fix out of the year when what it recovers is unknown', () => {
    const unknown = bottleneckPanel(
      { ...base, bottleneck: node('win_rate', { recoverable: null }), year: { ...base.year!, landingWithFix: null, gapWithFix: null } },
      'yen',
      null,
      'en',
    );
    expect(unknown.year.map(([key]) => key)).toEqual(['landing', 'kgi', 'gapToKgi']);
    expect(unknown.fixMeans).toBeNull();
  });

  it('says why no stage is named: on plan, not rankable yet, or no actuals', () => {
    const none = { ...base, bottleneck: null, underPlan: [], year: { ...base.year!, landingWithFix: null, gapWithFix: null } };
    const onPlan = bottleneckPanel(none, 'yen', null, 'en');
    expect(onPlan.bottleneck).toBe('onPlan');
    expect(onPlan.year.map(([key]) => key)).toEqual(['landing', 'kgi', 'gapToKgi']);
    expect(onPlan.fixMeans).toBeNull();
    expect(bottleneckPanel({ ...none, underPlan: [base.underPlan[2]] }, 'yen', null, 'en').bottleneck).toBe('notRanked');
    const blank = { ...none, year: null, nodes: base.nodes.map((n) => ({ ...n, periodActual: null })) };
    expect(bottleneckPanel(blank, 'yen', null, 'en')).toMatchObject({ bottleneck: 'noActuals', year: [] });
  });
});

describe('an owner’s own bottleneck', () => {
  it('is the first of their levers in the ranking, with the year its fix brings', () => {
    // Marketing's levers: lead rate ¥10.5m, deal rate ¥6m. Landing ¥958,666,667 + ¥10.5m.
    const marketing = forOwner(base, 'Marketing');
    expect(marketing.bottleneck?.nodeId).toBe('lead_rate');
    expect(ids(marketing.underPlan)).toEqual(['deal_rate']);
    expect(marketing.year).toEqual({ ...base.year, landingWithFix: 969_166_667, gapWithFix: -30_833_333 });
    expect(marketing.outcomes).toEqual([]);

    const panel = bottleneckPanel(base, 'yen', 'Marketing', 'en');
    expect(panel.heading).toBe('Bottleneck among Marketing’s KPIs');
    expect(panel.bottleneck).toMatchObject({
      name: 'lead_rate',
      facts: [
        ['achievement', '72.5%'],
        ['recoverable', '¥10,500,000'],
      ],
    });
    expect(panel.year.slice(3)).toEqual([
      ['landingWithFix', '¥969,166,667'],
      ['gapWithFix', '−¥30,833,333'],
    ]);
    expect(panel.fixMeans).toBe('With the fix: if lead_rate had been on plan in 2025-04.');
    expect(bottleneckPanel(base, 'yen', 'Marketing', 'ja').heading).toBe('Marketing のKPIのボトルネック');
  });

  it('is the tree’s when the owner has it, with their outcomes and process KPIs', () => {
    const sales = forOwner(base, 'Sales');
    expect(sales.bottleneck?.nodeId).toBe('win_rate');
    expect(sales.year).toBe(base.year);
    expect(ids(sales.outcomes)).toEqual(['revenue']);
    expect(ids(sales.trackedUnderPlan)).toEqual(['proposals']);
  });

  it('is none when their levers under plan cannot be ranked, or none is under plan', () => {
    const events = bottleneckPanel(base, 'yen', 'Events', 'en');
    expect(events.bottleneck).toBe('notRanked');
    expect(events.underPlan.map((lever) => lever.name)).toEqual(['visits']);
    expect(forOwner(base, 'Events').year).toMatchObject({ landingWithFix: null, gapWithFix: null });
    expect(events.fixMeans).toBeNull();
    expect(bottleneckPanel(base, 'yen', 'Finance', 'en').bottleneck).toBe('ownerOnPlan');
  });
});

describe('a row whose input needs checking', () => {
  const status = treeStatus({
    checkInput: [{ nodeId: 'win_rate', label: 'Win rate', owner: 'Sales', row: 10 }],
    underPlan: [{ ...nodeStatus('visits', ''), recoverable: null, ranked: false }],
  });

  it.each([
    ['en', 'No stage can be named while a row’s input needs checking. Fix these rows first:', 'Win rate — row 10'],
    ['ja', '入力を確認すべき行があるため、ボトルネックを判定できません。先に次の行を直してください:', 'Win rate（10行目）'],
  ] as const)('is named with its row before any stage, in %s, for everyone and in an owner’s view', (lang, said, row) => {
    for (const owner of [null, 'Marketing']) {
      const panel = bottleneckPanel(status, 'yen', owner, lang);
      expect(panel.bottleneck).toBe('checkInputFirst');
      expect(panel.checkInput).toEqual([row]);
    }
    expect(MESSAGES.checkInputFirst[lang]).toBe(said);
  });
});
