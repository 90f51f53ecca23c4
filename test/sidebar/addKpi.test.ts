import {
  addsUp,
  CUSTOM,
  catalogueKpi,
  feedable,
  groupsFor,
  indented,
  keptParent,
  readKpi,
  type TypedKpi,
  targetField,
} from '../../sidebar/client/addKpi';
import { MESSAGES } from '../../sidebar/client/text';
import { PROCESS_KPI_GROUPS } from '../../src/core/processKpis';
import { templateById } from '../../src/core/templates';

const typed = (change: Partial<TypedKpi>): TypedKpi => ({
  pick: CUSTOM,
  customName: '',
  parent: 'leads',
  plan: '120',
  lowerIsBetter: false,
  share: null,
  measure: 'count',
  ...change,
});

describe('the process KPI the form sends', () => {
  it('takes a catalogue entry in both languages, or a custom name for both', () => {
    const { kpi: custom } = readKpi(typed({ customName: '  Partner leads ' }));
    expect(custom).toEqual({
      parent: 'leads',
      label: { en: 'Partner leads', ja: 'Partner leads' },
      definition: { en: '', ja: '' },
      plan: 120,
      lowerIsBetter: false,
    });
    expect(readKpi(typed({ customName: '   ' }))).toEqual({ kpi: null, errors: new Map([['label', MESSAGES.nameNeeded]]) });
  });

  it('sends a catalogue level (a rate, days, an average) as a level, whose target holds each month', () => {
    expect(readKpi(typed({ pick: 'proposal_to_contract_days', plan: '30' })).kpi).toMatchObject({ level: true });
    expect(readKpi(typed({ pick: 'calls', plan: '1200' })).kpi).not.toHaveProperty('level');
    expect(targetField(catalogueKpi('days_to_close')).name).toEqual(MESSAGES.kpiLevelPlan);
    expect(targetField(catalogueKpi('calls')).name).toEqual(MESSAGES.kpiPlan);
    expect(readKpi(typed({ pick: 'days_to_close', plan: '-1' })).errors.get('plan')?.en).toBe(
      'Target (each month) must be 0 or more; you typed -1.',
    );
    // Days may be a fraction (a median of 8.5 days); a count of calls is typed as one.
    expect(readKpi(typed({ pick: 'days_to_close', plan: '8.5' })).kpi).toMatchObject({ plan: 8.5, level: true });
  });

  it('takes a rate’s target as a percentage and money’s in yen, as the catalogue measures them', () => {
    // 30 and 30% are both 30%: a rate is sent as 0.3, with its unit.
    expect(readKpi(typed({ pick: 'closing_win_rate', plan: '30' })).kpi).toMatchObject({ plan: 0.3, unit: 'rate', level: true });
    expect(readKpi(typed({ pick: 'closing_win_rate', plan: '30%' })).kpi).toMatchObject({ plan: 0.3 });
    expect(readKpi(typed({ pick: 'closing_win_rate', plan: '150' })).errors.get('plan')).toEqual({
      en: 'Target (each month) must be more than 0% and at most 100%; you typed 150%.',
      ja: '目標（毎月）は 0% より大きく 100% 以下にしてください（入力: 150%）。',
    });
    expect(targetField(catalogueKpi('closing_win_rate')).affix.en).toBe('%');
    // The value of orders adds up over months, in yen; a cost per lead is a level in yen.
    expect(readKpi(typed({ pick: 'order_value', plan: '1億' })).kpi).toMatchObject({ plan: 100_000_000, unit: 'yen' });
    expect(readKpi(typed({ pick: 'order_value', plan: '1億' })).kpi).not.toHaveProperty('level');
    expect(readKpi(typed({ pick: 'cost_per_lead', plan: '5,000' })).kpi).toMatchObject({ plan: 5000, unit: 'yen', level: true });
    expect(readKpi(typed({ pick: 'calls', plan: '1200' })).kpi).not.toHaveProperty('unit');
  });

  it('marks every rate, cost per unit, average and count of days in the catalogue as a level, and no flow', () => {
    const kpis = PROCESS_KPI_GROUPS.flatMap((g) => g.kpis);
    const levelByName = /rate\b|\(CTR\)|\(CVR\)|^Cost per|per (page|visit|deal)|Days|Lead time|Time on site|Lifetime value|size$/i;
    const named = kpis.filter((k) => levelByName.test(k.label.en));
    expect(named.length).toBeGreaterThan(30);
    expect(named.filter((k) => !k.level).map((k) => k.id)).toEqual([]);
    const levels = kpis.filter((k) => k.level).map((k) => k.id);
    for (const flow of ['calls', 'closing_orders', 'order_value', 'registrations', 'referrals']) expect(levels).not.toContain(flow);
  });

  it('measures a KPI one names as chosen: a count by default, else money, a rate or another level', () => {
    expect(readKpi(typed({ customName: 'Demo-to-trial rate', plan: '40', measure: 'rate' })).kpi).toMatchObject({
      label: { en: 'Demo-to-trial rate', ja: 'Demo-to-trial rate' },
      plan: 0.4,
      unit: 'rate',
      level: true,
    });
    expect(readKpi(typed({ customName: 'Pipeline', plan: '3億', measure: 'yen' })).kpi).toMatchObject({ plan: 300_000_000, unit: 'yen' });
    expect(readKpi(typed({ customName: 'Response hours', plan: '2.5', measure: 'level' })).kpi).toMatchObject({ plan: 2.5, level: true });
    expect(readKpi(typed({ customName: 'Partner leads' })).kpi).not.toHaveProperty('unit');
    // A catalogue entry says its own measure, whatever the (hidden) choice.
    expect(readKpi(typed({ pick: 'calls', plan: '1200', measure: 'rate' })).kpi).not.toHaveProperty('unit');
    // A channel is measured as its parent.
    expect(readKpi(typed({ customName: 'Partner', plan: '', share: '10', measure: 'rate' })).kpi).not.toHaveProperty('unit');
  });

  it('is a channel with its share, never lower-is-better, when the planner says it joins the sum', () => {
    const { kpi: channel } = readKpi(typed({ customName: 'Partner leads', plan: '', lowerIsBetter: true, share: '10' }));
    expect(channel).toMatchObject({ parent: 'leads', channelShare: 0.1, lowerIsBetter: false });
    expect(readKpi(typed({ customName: 'Partner leads', plan: '5' })).kpi).not.toHaveProperty('channelShare');
  });

  it('says which figure is wrong, in a planner’s words', () => {
    expect(readKpi(typed({ customName: 'x', plan: 'abc' })).errors).toEqual(
      new Map([
        [
          'plan',
          {
            en: 'Annual target must be a count such as 1,200; you typed “abc”.',
            ja: '年間目標は 1,200 のような件数で入力してください（入力: 「abc」）。',
          },
        ],
      ]),
    );
    expect(readKpi(typed({ customName: 'x', share: 'abc' })).errors.get('channelShare')?.en).toBe(
      'Its share must be a percentage such as 30; you typed “abc”.',
    );
    expect(readKpi(typed({ customName: 'x', share: '100' })).errors.get('channelShare')?.en).toBe(
      'Its share must be more than 0% and less than 100%; you typed 100%.',
    );
    expect(readKpi(typed({ customName: 'x', plan: '30%' })).errors.get('plan')?.en).toBe(
      'Annual target is a count, not a percentage: type it as 1,200; you typed 30%.',
    );
    expect(readKpi(typed({ customName: 'x', plan: '0' })).errors.size).toBe(0);
  });
});

describe('the catalogue’s groups for a tree', () => {
  it('offer the group that fits the tree first, and every group once', () => {
    expect(groupsFor('inside_sales')[0].id).toBe('telephone');
    expect(groupsFor('customer_success')[0].id).toBe('retention');
    expect(
      groupsFor('digital_sales')
        .map((g) => g.id)
        .sort(),
    ).toEqual(PROCESS_KPI_GROUPS.map((g) => g.id).sort());
  });
});

describe('the node a KPI feeds', () => {
  const nodes = feedable(templateById('new_business')!);

  it('is any node of the tree but a tracked one, indented by depth', () => {
    expect(nodes.map((n) => n.id)).not.toContain('proposals');
    expect(indented(nodes[0], 'en')).toBe('Revenue');
    expect(indented(nodes.find((n) => n.id === 'deals')!, 'ja')).toBe('　　商談数');
  });

  it('stays as chosen while the tree has it, else is the last', () => {
    expect(keptParent(nodes, 'deals')).toBe('deals');
    expect(keptParent(nodes, 'gone')).toBe(nodes[nodes.length - 1].id);
    expect(keptParent([], 'gone')).toBe('');
  });

  it('takes the KPI as a channel only when it adds channels up', () => {
    expect(addsUp(nodes, 'deals')).toBe(false);
    // Account sales: revenue is existing-customer revenue plus upsell revenue.
    expect(addsUp(feedable(templateById('account_sales')!), 'revenue')).toBe(true);
  });
});
