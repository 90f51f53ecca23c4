import type { FieldMessages } from '../../sidebar/client/parse';
import { planChecked, planFieldRows, plannedFields, readPlanValues } from '../../sidebar/client/planFields';
import { KpiError } from '../../src/core/i18n';
import { templateById } from '../../src/core/templates';
import { orderTree } from '../../src/core/tree';

describe('a tree’s plan fields', () => {
  it('are its factors (rates as percent) and the channel shares of its sums', () => {
    const fields = plannedFields(orderTree(templateById('new_business')!));
    expect(fields.map((f) => [f.node.id, f.unit])).toEqual([
      ['deal_size', 'amount'],
      ['win_rate', 'percent'],
      ['deal_rate', 'percent'],
      ['lead_rate', 'percent'],
    ]);
    const shares = plannedFields(orderTree(templateById('b2b_pipeline')!)).filter((f) => f.node.kind === 'volume');
    expect(shares.map((f) => f.unit)).toEqual(['percent', 'percent', 'percent']);
  });

  it('start with the KGI, labelled with the root, and mark yen and percent', () => {
    const rows = planFieldRows('u', orderTree(templateById('new_business')!));
    expect(rows[0]).toMatchObject({
      id: 'u-kgi',
      field: 'kgi',
      unit: 'amount',
      prefix: '¥',
      suffix: '',
      label: { en: 'KGI (annual goal) · Revenue', ja: 'KGI（年間目標）・売上' },
    });
    expect(rows.find((r) => r.field === 'win_rate')).toMatchObject({ id: 'u-win_rate', unit: 'percent', prefix: '', suffix: '%' });
    // A channel's share of a yen sum is a percentage: %, never ¥ and %.
    const shares = planFieldRows('u', orderTree(templateById('account_sales')!)).filter((r) => r.field.endsWith('_revenue'));
    expect(shares.map((r) => [r.field, r.prefix, r.suffix])).toEqual([
      ['existing_revenue', '', '%'],
      ['upsell_revenue', '', '%'],
    ]);
  });
});

describe('plan values as typed', () => {
  it('are read by unit, the KGI apart, and a field that holds no number is named', () => {
    const nodes = orderTree(templateById('new_business')!);
    const { values, errors } = readPlanValues(
      [
        { name: 'kgi', unit: 'amount', text: '10億' },
        { name: 'win_rate', unit: 'percent', text: '25' },
        { name: 'deal_size', unit: 'amount', text: 'lots' },
      ],
      nodes,
    );
    expect(values).toEqual({ kgi: 1e9, inputs: { win_rate: 0.25 } });
    expect(errors).toEqual(
      new Map([
        [
          'deal_size',
          {
            en: 'Average deal size must be an amount of money such as 10億 or 1,000,000,000; you typed “lots”.',
            ja: '顧客単価は 10億 や 1,000,000,000 のような金額で入力してください（入力: 「lots」）。',
          },
        ],
      ]),
    );
  });

  it('take a count KGI as a count: the inside-sales KGI (meetings) is never explained in yen', () => {
    const nodes = orderTree(templateById('inside_sales')!);
    expect(nodes[0].unit).toBe('count');
    const { errors } = readPlanValues([{ name: 'kgi', unit: 'amount', text: '30%' }], nodes);
    expect(errors.get('kgi')).toEqual({
      en: 'The KGI is a count, not a percentage: type it as 1,200; you typed 30%.',
      ja: 'KGIは件数の欄で、% は使えません。1,200 のように入力してください（入力: 30%）。',
    });
    const [kgi] = planFieldRows('u', nodes);
    expect(kgi).toMatchObject({ prefix: '', hint: 'kgiCountHint' });
  });

  it('go through the core, whose refusal lands beside the field it names (or where the form says)', () => {
    const text = { en: 'No.', ja: 'いいえ。' };
    const errors: FieldMessages = new Map();
    expect(planChecked(errors, () => 1)).toBe(1);
    expect(
      planChecked(errors, () => {
        throw new KpiError(text, 'win_rate');
      }),
    ).toBeNull();
    expect(
      planChecked(
        errors,
        () => {
          throw new KpiError(text);
        },
        () => 'kgi',
      ),
    ).toBeNull();
    expect(errors).toEqual(
      new Map([
        ['win_rate', text],
        ['kgi', text],
      ]),
    );
    expect(() =>
      planChecked(errors, () => {
        throw new TypeError('a bug');
      }),
    ).toThrow(TypeError);
  });
});
