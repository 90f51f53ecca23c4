import type { TypedValue } from '../../sidebar/client/planFields';
import { MESSAGES } from '../../sidebar/client/text';
import { checkUpdate, seasonOf, treeUpdate, weightsText } from '../../sidebar/client/updateTree';
import { templateById } from '../../src/core/templates';
import type { TreeStatus } from '../../src/rpc';

const row = [8, 8, 9, 8, 7, 10, 8, 8, 9, 8, 7, 10];
const status: Pick<TreeStatus, 'tree' | 'kgiTarget' | 'weights' | 'lang'> = {
  tree: templateById('new_business')!,
  kgiTarget: 1e9,
  weights: Array(12).fill(1),
  lang: 'en',
};
const typed = (values: Record<string, string> = {}): TypedValue[] =>
  Object.entries({ kgi: '1,000,000,000', deal_size: '2,000,000', win_rate: '30', deal_rate: '20', lead_rate: '25', ...values }).map(
    ([name, text]) => ({ name, text, unit: name.endsWith('_rate') ? 'percent' : 'amount' }),
  );

describe('seasonal weights of a tree', () => {
  it('are even (null) when all equal or one is blank', () => {
    expect(seasonOf(Array(12).fill(2))).toBeNull();
    expect(seasonOf([...row.slice(1), null])).toBeNull();
    expect(seasonOf(row)).toEqual(row);
  });

  it('show in the weights field as typed, blank when one is blank', () => {
    expect(weightsText(row)).toBe('8 8 9 8 7 10 8 8 9 8 7 10');
    expect(weightsText([...row.slice(1), null])).toBe('');
  });
});

describe('the update form', () => {
  it('reads the values, the weights and the language, checked as a new plan is', () => {
    expect(checkUpdate(status, typed({ win_rate: '25' }), row.join(' '), 'ja')).toEqual({
      values: { kgi: 1e9, inputs: { deal_size: 2_000_000, win_rate: 0.25, deal_rate: 0.2, lead_rate: 0.25 }, seasonality: row, lang: 'ja' },
      errors: new Map(),
    });
    expect(checkUpdate(status, typed(), null, 'en').values?.seasonality).toBeNull();
  });

  it('says what is wrong beside the field', () => {
    expect(checkUpdate(status, typed({ kgi: 'x' }), '1 2', 'en')).toEqual({
      values: null,
      errors: new Map([
        [
          'kgi',
          {
            en: 'The KGI must be an amount of money such as 10億 or 1,000,000,000; you typed “x”.',
            ja: 'KGIは 10億 や 1,000,000,000 のような金額で入力してください（入力: 「x」）。',
          },
        ],
        ['seasonality', MESSAGES.twelveWeights],
      ]),
    });
    const refused = checkUpdate(status, typed({ win_rate: '0' }), null, 'en');
    expect([...refused.errors.keys()]).toEqual(['win_rate']);
    expect(refused.values).toBeNull();
  });

  it('sends only what differs from the sheet', () => {
    const { values } = checkUpdate(status, typed({ win_rate: '25' }), null, 'en');
    expect(treeUpdate(status, values!)).toEqual({ inputs: { win_rate: 0.25 } });
    expect(treeUpdate(status, { ...values!, kgi: 2e9, seasonality: row, lang: 'ja' })).toEqual({
      kgi: 2e9,
      inputs: { win_rate: 0.25 },
      seasonality: row,
      lang: 'ja',
    });
    expect(treeUpdate(status, checkUpdate(status, typed(), null, 'en').values!)).toEqual({});
  });
});
