import { MESSAGES } from '../../sidebar/client/text';
import {
  changedValues,
  checkWhatIf,
  currentPlan,
  currentValues,
  labelOf,
  runWhatIf,
  whatIfFigures,
  whatIfLines,
  writtenText,
} from '../../sidebar/client/whatIf';
import { KpiError } from '../../src/core/i18n';
import { planTree } from '../../src/core/plan';
import { recovery } from '../../src/core/recovery';
import { templateById } from '../../src/core/templates';
import { orderTree } from '../../src/core/tree';
import type { NodeFigures } from '../../src/rpc';
import { treeStatus } from './support/status';

const tree = templateById('new_business')!;
const KGI = 1_000_000_000;
const plan = planTree(tree, KGI);

/** April of an even plan, actuals as in the sheet tests: the win rate is the one under plan. */
const april: Record<string, number> = {
  revenue: 56_000_000,
  orders: 28,
  deals: 139,
  leads: 695,
  visits: 2778,
  deal_size: 2_000_000,
  win_rate: 28 / 139,
  deal_rate: 139 / 695,
  lead_rate: 695 / 2778,
  proposals: 70,
};
const nodes: NodeFigures[] = plan.nodes.map(({ node, annual }) => ({
  nodeId: node.id,
  label: node.label.en,
  owner: '',
  annual,
  periodPlan: node.kind === 'factor' ? (node.plan ?? null) : annual / 12,
  periodActual: april[node.id] ?? null,
  forecast: null,
}));
const status = treeStatus({ kgi: { plan: KGI / 12, actual: 56_000_000 }, kgiTarget: KGI, tree, nodes });
const current = currentPlan(status);

describe('what-if in the browser', () => {
  it('starts from the sheet’s KGI and planned values, and changes nothing until edited', () => {
    const values = currentValues(status);
    expect(values).toEqual({ kgi: KGI, inputs: { deal_size: 2_000_000, win_rate: 0.3, deal_rate: 0.2, lead_rate: 0.25 } });
    const result = runWhatIf(status, current, values);
    expect(result.needed.map((n) => [n.node.id, n.annual, n.current])).toEqual([
      ['orders', 500, 500],
      ['deals', 1667, 1667],
      ['leads', 8335, 8335],
      ['visits', 33340, 33340],
    ]);
    expect(result.bottleneck).toBe('win_rate');
    expect(result.bottleneckNow).toBe('win_rate');
    expect(changedValues(status, values)).toEqual({ inputs: {} });
  });

  it('recalculates the activity needed and what it yields when the win rate moves', () => {
    const values = { kgi: KGI, inputs: { ...currentValues(status).inputs, win_rate: 0.25 } };
    const result = runWhatIf(status, current, values);
    expect(result.needed.find((n) => n.node.id === 'deals')).toMatchObject({ annual: 2000, current: 1667 });
    expect(result.needed.find((n) => n.node.id === 'leads')).toMatchObject({ annual: 10_000, current: 8335 });
    expect(result.yields).toBe(KGI);
    expect(result.coherence).toBe(1);
    expect(changedValues(status, values)).toEqual({ inputs: { win_rate: 0.25 } });
    expect(changedValues(status, { ...values, kgi: 2e9 })).toEqual({ kgi: 2e9, inputs: { win_rate: 0.25 } });
  });

  it('scales phased plans by the new annual target, and takes a factor’s new rate as its plan', () => {
    const next = planTree(tree, KGI, { win_rate: 0.25 });
    const figures = whatIfFigures(status, next, current);
    expect(figures.get('deals')?.actual).toBe(139);
    expect(figures.get('deals')?.plan).toBeCloseTo(2000 / 12, 10);
    expect(figures.get('win_rate')).toEqual({ plan: 0.25, actual: 28 / 139 });
    expect(figures.get('orders')).toEqual({ plan: 500 / 12, actual: 28 });
    // The same rule as the sheet's, on those figures.
    expect(runWhatIf(status, current, { kgi: KGI, inputs: { win_rate: 0.25 } }).bottleneck).toBe(
      recovery(orderTree({ nodes: next.nodes.map((p) => p.node) }), figures).bottleneck,
    );
  });

  it('moves the bottleneck when the plan stops asking for the rate that lags', () => {
    const result = runWhatIf(status, current, { kgi: KGI, inputs: { win_rate: 0.2 } });
    expect(result.bottleneckNow).toBe('win_rate');
    expect(result.bottleneck).not.toBe('win_rate');
    expect(result.bottleneck).toBe('visits');
  });

  it.each([
    ['a win rate of 0', 0, /greater than 0/],
    ['a win rate of 130%', 1.3, /within \(0, 1\]/],
  ])('refuses %s, naming the field', (_, rate, message) => {
    let failure: unknown;
    try {
      runWhatIf(status, current, { kgi: KGI, inputs: { win_rate: rate } });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(KpiError);
    expect((failure as KpiError).field).toBe('win_rate');
    expect((failure as KpiError).text.en).toMatch(message);
    expect((failure as KpiError).text.ja).not.toBe('');
  });

  it('leaves a node whose annual plan was zero at its period plan', () => {
    const zero = { ...status, nodes: nodes.map((n) => (n.nodeId === 'deals' ? { ...n, annual: 0, periodPlan: 5 } : n)) };
    expect(whatIfFigures(zero, planTree(tree, KGI, { win_rate: 0.25 }), current).get('deals')?.plan).toBe(5);
  });
});

describe('the what-if form', () => {
  const typed = (values: Record<string, string>) =>
    Object.entries(values).map(([name, text]) => ({
      name,
      text,
      unit: name.endsWith('_rate') ? ('percent' as const) : ('amount' as const),
    }));
  const nodesInOrder = orderTree(tree);

  it('runs the what-if of the values typed', () => {
    const check = checkWhatIf(status, current, typed({ kgi: '1,000,000,000', win_rate: '25' }));
    expect(check.errors.size).toBe(0);
    expect(check.values).toEqual({ kgi: KGI, inputs: { win_rate: 0.25 } });
    expect(check.result).toEqual(runWhatIf(status, current, check.values!));
  });

  it('says a refusal beside the field it names, or beside the KGI when the form has no such field', () => {
    expect([...checkWhatIf(status, current, typed({ kgi: '1,000,000,000', win_rate: '0' })).errors.keys()]).toEqual(['win_rate']);
    const elsewhere = checkWhatIf(status, current, typed({ kgi: '0' }));
    expect([...elsewhere.errors.keys()]).toEqual(['kgi']);
    expect(elsewhere).toMatchObject({ result: null, values: null });
    expect(checkWhatIf(status, current, typed({ kgi: 'x' })).errors.get('kgi')?.en).toBe(
      'The KGI must be an amount of money such as 10億 or 1,000,000,000; you typed “x”.',
    );
  });

  it('lists what the plan yields, the activity needed with its change, and the bottleneck', () => {
    const result = runWhatIf(status, current, { kgi: KGI, inputs: { win_rate: 0.25 } });
    const lines = whatIfLines(result, nodesInOrder, 'en');
    expect(lines[0]).toEqual({ term: MESSAGES.whatIfYields, value: '¥1,000,000,000 (100% of the KGI)' });
    expect(lines[1]).toEqual({ term: MESSAGES.whatIfNeeded, value: null });
    expect(lines.find((l) => l.termId === 'w-need-deals')?.value).toBe('2,000 (+333)');
    expect(lines.find((l) => l.termId === 'w-need-orders')?.value).toBe('500 (no change)');
    expect(lines[lines.length - 1]).toEqual({
      term: MESSAGES.whatIfBottleneck,
      value: 'Win rate (unchanged)',
      valueId: 'whatif-bottleneck',
    });
    const moved = whatIfLines(runWhatIf(status, current, { kgi: KGI, inputs: { win_rate: 0.2 } }), nodesInOrder, 'ja');
    expect(moved[moved.length - 1].value).toBe('訪問数（受注率から変化）');
  });

  it('says which cells applying wrote, by their labels', () => {
    expect(labelOf(nodesInOrder, 'kgi')).toBe(MESSAGES.kgi);
    expect(labelOf(nodesInOrder, null)).toBeNull();
    expect(writtenText(nodesInOrder, ['kgi', 'win_rate']).en).toBe('Written to the sheet: KGI (annual goal), Win rate.');
    expect(writtenText(nodesInOrder, [])).toBe(MESSAGES.nothingWritten);
  });
});
