import { actualRates, type CheckId, checkDesign, type DesignRow, type TreeDesign } from '../../src/core/designCheck';
import { planTree } from '../../src/core/plan';
import { templateById } from '../../src/core/templates';
import type { NodeDef, Tree } from '../../src/core/tree';

const newBusiness = templateById('new_business')!;

/**
 * The new-business tree as a well-kept sheet holds it: ¥1bn for FY2026 from April, every row with
 * its target, definition, owner and input rule, the missing-input alerts on, no last year.
 */
function design(
  overrides: Partial<TreeDesign> = {},
  tree: Tree = newBusiness,
  rowChanges: Record<string, Partial<DesignRow>> = {},
): TreeDesign {
  const plan = planTree(tree, 1_000_000_000);
  const rows = new Map(
    plan.nodes.map(({ node, annual }) => [
      node.id,
      { label: node.label.en, owner: 'Sato', definition: node.definition.en, target: annual, inputRule: true, ...rowChanges[node.id] },
    ]),
  );
  return {
    tree,
    rows,
    kgi: 1_000_000_000,
    fiscalYear: 2026,
    startMonth: 4,
    planYield: plan.coherence * 1_000_000_000,
    missingInputAlerts: true,
    lastYear: null,
    ...overrides,
  };
}

const result = (d: TreeDesign, id: CheckId) => checkDesign(d).find((c) => c.id === id)!;

describe('the design check of a well-kept new-business tree', () => {
  it('passes every check but realism, which has no last year to compare with', () => {
    const checks = checkDesign(design());
    expect(checks.map((c) => [c.id, c.state])).toEqual([
      ['kgi', 'passed'],
      ['mainKpis', 'passed'],
      ['targets', 'passed'],
      ['definitions', 'passed'],
      ['owners', 'passed'],
      ['inputRules', 'passed'],
      ['coherence', 'passed'],
      ['realistic', 'unknown'],
      ['quality', 'passed'],
      ['alerts', 'passed'],
    ]);
    expect(checks.every((c) => c.title.en !== '' && c.title.ja !== '')).toBe(true);
  });
});

describe('the KGI is a number with a deadline', () => {
  it('says when the year ends: FY2026 from April is due by March 2027', () => {
    expect(result(design(), 'kgi').reason).toEqual({ en: 'Due by the end of 2027-03.', ja: '期限は 2027-03 末です。' });
    expect(result(design({ startMonth: 1 }), 'kgi').reason?.en).toBe('Due by the end of 2026-12.');
  });
  it('fails on the KGI row without a number above 0', () => {
    const check = result(design({ kgi: null }), 'kgi');
    expect([check.state, check.row, check.reason?.en]).toEqual(['failed', 'Revenue', 'Type the KGI as a number above 0.']);
    expect(result(design({ kgi: 0 }), 'kgi').state).toBe('failed');
  });
  it('fails without a fiscal year: the KGI has no deadline', () => {
    const check = result(design({ fiscalYear: null }), 'kgi');
    expect([check.state, check.row]).toEqual(['failed', 'Revenue']);
    expect(check.reason?.ja).toBe('年度と期首月を入力してください。KGI の期限になります。');
  });
});

describe('3 to 5 main KPIs: the levers the tree marks as main', () => {
  it('counts deal size, win rate and deal rate in the new-business tree (orders and deals are outcomes)', () => {
    expect(result(design(), 'mainKpis').reason?.en).toBe('Average deal size, Win rate, Deal rate');
  });
  it('fails with 6, naming the sixth: account sales with its customer count made main too', () => {
    const accountSales = templateById('account_sales')!;
    expect(result(design({}, accountSales), 'mainKpis').state).toBe('passed');
    const six: Tree = { nodes: accountSales.nodes.map((n): NodeDef => (n.id === 'customers' ? { ...n, role: 'main' } : n)) };
    const check = result(design({}, six), 'mainKpis');
    expect([check.state, check.row]).toEqual(['failed', 'Upsell rate']);
    expect(check.reason?.en).toBe('6 main KPIs: keep the 5 with the largest effect on the KGI and track the rest as process KPIs.');
  });
  it('does not count a process KPI beside the tree, even one marked main: it is no lever', () => {
    const tracked: Tree = { nodes: newBusiness.nodes.map((n): NodeDef => (n.id === 'proposals' ? { ...n, role: 'main' } : n)) };
    expect(result(design({}, tracked), 'mainKpis').reason?.en).toBe('Average deal size, Win rate, Deal rate');
  });
  it('fails with fewer than 3, saying how many there are', () => {
    const demoted: Tree = { nodes: newBusiness.nodes.map((n): NodeDef => (n.id === 'deal_rate' ? { ...n, role: 'process' } : n)) };
    const check = result(design({}, demoted), 'mainKpis');
    expect([check.state, check.row]).toEqual(['failed', null]);
    expect(check.reason?.en).toBe('Only 2 main KPIs: choose 3 to 5 stages your teams act on.');
  });
});

describe('every KPI has a target', () => {
  it('passes when every row has one', () => {
    expect(result(design(), 'targets').state).toBe('passed');
  });
  it('names the rate whose planned value is blank first, before the counts computed from it', () => {
    const check = result(
      design({}, newBusiness, { win_rate: { target: null }, deals: { target: null }, leads: { target: null } }),
      'targets',
    );
    expect([check.state, check.row]).toEqual(['failed', 'Win rate']);
    expect(check.reason).toEqual({
      en: '"Win rate", "Deals" and 1 more: no target. Type the planned value.',
      ja: '「Win rate」「Deals」ほか 1 件：目標値がありません。計画値を入力してください。',
    });
  });
});

describe('every KPI has a written definition', () => {
  it('fails on a row whose definition cell was cleared', () => {
    expect(result(design(), 'definitions').state).toBe('passed');
    const check = result(design({}, newBusiness, { deal_rate: { definition: '  ' } }), 'definitions');
    expect([check.state, check.row, check.reason?.en]).toEqual([
      'failed',
      'Deal rate',
      '"Deal rate": no definition. Write the formula and how it is counted.',
    ]);
  });
});

describe('every KPI has an owner', () => {
  it('fails on the first row without one, counting the others', () => {
    expect(result(design(), 'owners').state).toBe('passed');
    const check = result(design({}, newBusiness, { orders: { owner: '' }, leads: { owner: '' }, visits: { owner: '' } }), 'owners');
    expect([check.state, check.row]).toEqual(['failed', 'Orders']);
    expect(check.reason?.en).toBe('"Orders", "New leads" and 1 more: no owner. Name the person or team who moves it.');
  });
  it('does not ask the KGI for an owner: it is no KPI', () => {
    expect(result(design({}, newBusiness, { revenue: { owner: '' } }), 'owners').state).toBe('passed');
  });
});

describe('every KPI keeps its input rule', () => {
  it('fails on a row whose cells lost their data validation', () => {
    expect(result(design(), 'inputRules').state).toBe('passed');
    const check = result(design({}, newBusiness, { visits: { inputRule: false } }), 'inputRules');
    expect([check.state, check.row]).toEqual(['failed', 'Visits']);
  });
});

describe("the plan's activity reaches the KGI", () => {
  it('passes at 100% or more, saying the share', () => {
    const check = result(design({ planYield: 1_000_020_000 }), 'coherence');
    expect([check.state, check.reason?.en]).toEqual(['passed', '100% of the KGI.']);
  });
  it("fails with the article's plan: 50 deals a month, 30% and ¥2m reach 36% of a ¥1bn KGI", () => {
    const check = result(design({ planYield: 50 * 12 * 0.3 * 2_000_000 }), 'coherence');
    expect([check.state, check.row]).toEqual(['failed', 'Revenue']);
    expect(check.reason?.en).toBe("The plan's activity yields 36% of the KGI: raise the targets.");
  });
  it('names the count whose typed target overrides the reverse calculation', () => {
    const overridden: Tree = { nodes: newBusiness.nodes.map((n): NodeDef => (n.id === 'deals' ? { ...n, plan: 600 } : n)) };
    const check = result(design({ planYield: 360_000_000 }, overridden), 'coherence');
    expect(check.row).toBe('Deals');
  });
  it('fails when the forward figure cannot be computed', () => {
    expect(result(design({ planYield: null }), 'coherence').state).toBe('failed');
  });
});

describe("rates are realistic against last year's actual rates", () => {
  const lastYear = (rates: Record<string, number>) => ({
    lastYear: { source: { en: 'FY2025', ja: '2025年度' }, rates: new Map(Object.entries(rates)) },
  });
  it('flags a win rate planned at 40% after a year at 22%', () => {
    const check = result(design(lastYear({ win_rate: 0.22 }), newBusiness, { win_rate: { target: 0.4 } }), 'realistic');
    expect([check.state, check.row]).toEqual(['failed', 'Win rate']);
    expect(check.reason?.en).toBe('Planned at 40% after 22% last year (FY2025): plan a reachable step or say how it will change.');
  });
  it('passes a step up a team can plan for: 25% after 22%', () => {
    const check = result(design(lastYear({ win_rate: 0.22 }), newBusiness, { win_rate: { target: 0.25 } }), 'realistic');
    expect([check.state, check.reason?.en]).toEqual(['passed', 'Compared with FY2025.']);
  });
  it('flags a lower-is-better rate planned far below last year: churn 2% after 5%', () => {
    const cs = templateById('customer_success')!;
    expect(result(design(lastYear({ churn: 0.05 }), cs, { churn: { target: 0.02 } }), 'realistic').state).toBe('failed');
    expect(result(design(lastYear({ churn: 0.05 }), cs, { churn: { target: 0.045 } }), 'realistic').state).toBe('passed');
  });
  it('cannot be said without last year, or when last year holds none of the rates', () => {
    expect(result(design(), 'realistic').state).toBe('unknown');
    expect(result(design(lastYear({ deal_size: 1_000_000 })), 'realistic').state).toBe('unknown');
  });
});

describe("last year's actual rates from its monthly actuals", () => {
  it('divides the outcome by the volume over the months where both are entered', () => {
    // Orders 22 of 100 deals in April, 10 of 50 in May; June has deals but no orders: left out.
    const monthly: Record<string, (number | null)[]> = { orders: [22, 10, null], deals: [100, 50, 80], leads: [null, null, null] };
    const rates = actualRates(newBusiness, (id) => monthly[id]);
    expect(rates.get('win_rate')).toBeCloseTo(32 / 150, 12);
    expect(rates.has('deal_rate')).toBe(false);
  });
  it('reads a complement (churn) as 1 − retained ÷ opening', () => {
    const cs = templateById('customer_success')!;
    const churn = cs.nodes.find((n) => n.id === 'churn')!;
    const partner = cs.nodes.find((n) => n.parent === churn.parent && n.kind === 'volume')!;
    const monthly: Record<string, number[]> = { [churn.parent!]: [95], [partner.id]: [100] };
    expect(actualRates(cs, (id) => monthly[id]).get('churn')).toBeCloseTo(0.05, 12);
  });
});

describe('quality is covered, not only volume', () => {
  it('passes with a rate among the KPIs', () => {
    expect(result(design(), 'quality').reason?.en).toBe('Win rate, Deal rate, Lead rate');
  });
  it('fails on a tree of counts and amounts only', () => {
    const t = (s: string) => ({ en: s, ja: s });
    const counts: Tree = {
      nodes: [
        {
          id: 'leads',
          parent: null,
          kind: 'goal',
          unit: 'count',
          combine: 'sum',
          role: 'kgi',
          label: t('Leads'),
          definition: t('web + seminar'),
        },
        { id: 'web', parent: 'leads', kind: 'volume', unit: 'count', plan: 0.5, role: 'main', label: t('Web'), definition: t('forms') },
        {
          id: 'seminar',
          parent: 'leads',
          kind: 'volume',
          unit: 'count',
          plan: 0.5,
          role: 'main',
          label: t('Seminar'),
          definition: t('cards'),
        },
      ],
    };
    const check = result(design({}, counts), 'quality');
    expect([check.state, check.row]).toEqual(['failed', null]);
    expect(check.reason?.ja).toBe('すべて量の KPI です。質を測る KPI（受注率、満足度、クレーム率など）を加えてください。');
  });
  it('counts a lower-is-better count (complaints) as quality', () => {
    const t = (s: string) => ({ en: s, ja: s });
    const withComplaints: Tree = {
      nodes: [
        { id: 'leads', parent: null, kind: 'goal', unit: 'count', combine: 'sum', role: 'kgi', label: t('Leads'), definition: t('x') },
        { id: 'web', parent: 'leads', kind: 'volume', unit: 'count', plan: 1, role: 'main', label: t('Web'), definition: t('x') },
        {
          id: 'complaints',
          parent: 'leads',
          kind: 'tracked',
          unit: 'count',
          plan: 3,
          lowerIsBetter: true,
          role: 'process',
          label: t('Complaints'),
          definition: t('x'),
        },
      ],
    };
    expect(result(design({}, withComplaints), 'quality').state).toBe('passed');
  });
});

describe('missing-input alerts are on', () => {
  it("fails when the sheet's missing-input rule is gone", () => {
    expect(result(design(), 'alerts').state).toBe('passed');
    const check = result(design({ missingInputAlerts: false }), 'alerts');
    expect([check.state, check.row]).toEqual(['failed', null]);
  });
});
