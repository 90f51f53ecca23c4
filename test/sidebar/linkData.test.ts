import { linkTargets, readRule, splitValues, type TypedRule } from '../../sidebar/client/linkData';
import { MESSAGES } from '../../sidebar/client/text';
import { templateById } from '../../src/core/templates';

const typed = (change: Partial<TypedRule>): TypedRule => ({
  sheet: 'Deals',
  date: 'Created',
  conditions: [
    { column: 'Stage', values: 'Qualified, Won' },
    { column: '', values: '' },
  ],
  amount: '',
  owner: '',
  ...change,
});

describe('the link form', () => {
  it('offers counts and money, and says why a rate or a total cannot be linked', () => {
    const targets = linkTargets(templateById('new_business')!, 'en');
    expect(targets.find((t) => t.id === 'deals')?.refused).toBeNull();
    expect(targets.find((t) => t.id === 'revenue')?.refused).toBeNull();
    expect(targets.find((t) => t.id === 'win_rate')?.refused).toEqual(MESSAGES.linkRate);
    const channels = linkTargets(templateById('b2b_pipeline')!, 'ja').find((t) => t.id === 'leads');
    expect(channels?.refused).toEqual(MESSAGES.linkTotal);
  });

  it('offers a lead time only for a tracked KPI beside the tree', () => {
    const tree = templateById('new_business')!;
    const withKpi = {
      nodes: [
        ...tree.nodes,
        {
          id: 'kpi_1',
          parent: 'orders',
          kind: 'tracked' as const,
          unit: 'count' as const,
          role: 'process' as const,
          label: { en: 'Proposal to contract', ja: '提案から契約まで' },
          definition: { en: '', ja: '' },
          plan: 30,
          lowerIsBetter: true,
        },
      ],
    };
    const targets = linkTargets(withKpi, 'en');
    // The template's tracked proposals count and the KPI added; none of the arithmetic's nodes.
    expect(targets.filter((t) => t.leadTime).map((t) => t.id)).toEqual(['kpi_1', 'proposals']);
    expect(targets.find((t) => t.id === 'kpi_1')?.refused).toBeNull();
  });

  it('sends a lead time with its start date and no column summed, or names what to fix', () => {
    expect(readRule(typed({ date: 'Contract', start: 'Proposal', amount: 'Amount' })).rule).toEqual({
      sheet: 'Deals',
      date: 'Contract',
      conditions: [{ column: 'Stage', values: ['Qualified', 'Won'] }],
      amount: null,
      owner: null,
      start: 'Proposal',
    });
    // Counting or summing sends no start at all.
    expect(readRule(typed({})).rule).not.toHaveProperty('start');
    expect(readRule(typed({ start: '' })).errors).toEqual(new Map([['start', MESSAGES.linkChooseStart]]));
    expect(readRule(typed({ date: 'Contract', start: 'Contract' })).errors).toEqual(new Map([['start', MESSAGES.linkSameColumn]]));
  });

  it('splits values at commas, Japanese ones too, and new lines', () => {
    expect(splitValues(' 商談化、受注 ,Won\nLost,, ')).toEqual(['商談化', '受注', 'Won', 'Lost']);
  });

  it('sends the rule: conditions without a column left out, count rows unless a column is summed', () => {
    expect(readRule(typed({})).rule).toEqual({
      sheet: 'Deals',
      date: 'Created',
      conditions: [{ column: 'Stage', values: ['Qualified', 'Won'] }],
      amount: null,
      owner: null,
    });
    expect(readRule(typed({ amount: 'Amount', owner: 'Owner' })).rule).toMatchObject({ amount: 'Amount', owner: 'Owner' });
  });

  it('names the fields to fix', () => {
    const { rule, errors } = readRule(typed({ sheet: '', date: '', conditions: [{ column: 'Stage', values: ' , ' }] }));
    expect(rule).toBeNull();
    expect(errors).toEqual(
      new Map([
        ['sheet', MESSAGES.linkChooseSheet],
        ['date', MESSAGES.linkChooseDate],
        ['conditions', MESSAGES.linkValuesNeeded],
      ]),
    );
  });
});
