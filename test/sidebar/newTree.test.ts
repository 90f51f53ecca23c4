import { checkPlan, defaultFiscalYear, existingTree, neededRows, type TypedPlan } from '../../sidebar/client/newTree';
import { planTree } from '../../src/core/plan';
import { templateById } from '../../src/core/templates';
import type { TreeRef } from '../../src/rpc';

/** The New business template's form as a planner leaves it. */
const typed = (change: Partial<TypedPlan> = {}, values: Record<string, string> = {}): TypedPlan => ({
  templateId: 'new_business',
  values: Object.entries({ kgi: '10億', deal_size: '2,000,000', win_rate: '30', deal_rate: '20', lead_rate: '25', ...values }).map(
    ([name, text]) => ({ name, text, unit: name.endsWith('_rate') ? 'percent' : 'amount' }),
  ),
  fiscalYear: '2025',
  startMonth: 4,
  weights: null,
  ...change,
});

describe('the plan form', () => {
  it('reverse-calculates what the planner typed and makes the build request', () => {
    const check = checkPlan(typed());
    expect(check.errors.size).toBe(0);
    expect(check.plan).toEqual(planTree(templateById('new_business')!, 1e9, check.request!.inputs));
    expect(check.request).toEqual({
      templateId: 'new_business',
      kgi: 1e9,
      fiscalYear: 2025,
      startMonth: 4,
      seasonality: null,
      inputs: { deal_size: 2_000_000, win_rate: 0.3, deal_rate: 0.2, lead_rate: 0.25 },
    });
    expect(neededRows(check.plan, 'en')).toEqual([
      ['Orders', '500'],
      ['Deals', '1,667'],
      ['New leads', '8,335'],
      ['Visits', '33,340'],
    ]);
  });

  it('says a figure that is not a number beside its field, in a planner’s words, and stops calculating', () => {
    const check = checkPlan(typed({}, { kgi: 'abc' }));
    expect(check.errors).toEqual(
      new Map([
        [
          'kgi',
          {
            en: 'The KGI must be an amount of money such as 10億 or 1,000,000,000; you typed “abc”.',
            ja: 'KGIは 10億 や 1,000,000,000 のような金額で入力してください（入力: 「abc」）。',
          },
        ],
      ]),
    );
    expect(check.plan).toBeNull();
    expect(check.request).toBeNull();
    expect(neededRows(check.plan, 'en')).toEqual([]);
  });

  it('refuses a percentage as the KGI rather than building a tree of one order', () => {
    const check = checkPlan(typed({}, { kgi: '30%' }));
    expect(check.errors.get('kgi')).toEqual({
      en: 'The KGI is an amount of money, not a percentage: type it as 10億 or 1,000,000,000; you typed 30%.',
      ja: 'KGIは金額の欄で、% は使えません。10億 や 1,000,000,000 のように入力してください（入力: 30%）。',
    });
    expect(check.request).toBeNull();
    expect(checkPlan(typed({}, { kgi: '３０％' })).errors.has('kgi')).toBe(true);
    expect(checkPlan(typed({}, { deal_size: '5%' })).errors.get('deal_size')?.en).toMatch(
      /^Average deal size is an amount of money, not a percentage/,
    );
  });

  it('says every bad field at once, each beside its own field', () => {
    const check = checkPlan(typed({ fiscalYear: '20x5' }, { kgi: '30%', deal_size: 'abc', win_rate: '150', lead_rate: '' }));
    expect(Object.fromEntries([...check.errors].map(([field, text]) => [field, text.en]))).toEqual({
      kgi: 'The KGI is an amount of money, not a percentage: type it as 10億 or 1,000,000,000; you typed 30%.',
      deal_size: 'Average deal size must be an amount of money such as 10億 or 1,000,000,000; you typed “abc”.',
      win_rate: 'Win rate must be more than 0% and at most 100%; you typed 150%.',
      lead_rate: 'Lead rate is blank: type a percentage such as 30.',
      fiscalYear: 'The fiscal year must be a year such as 2025; you typed “20x5”.',
    });
    expect(check.errors.get('win_rate')?.ja).toBe('受注率は 0% より大きく 100% 以下にしてください（入力: 150%）。');
    expect(check.errors.get('lead_rate')?.ja).toBe('リード獲得率が空欄です。30 のような%の値を入力してください。');
    expect(check.plan).toBeNull();
    expect(check.request).toBeNull();
  });

  it('takes 30 and 30% alike in a percent field, and refuses 0%', () => {
    expect(checkPlan(typed({}, { win_rate: '30%' })).request?.inputs.win_rate).toBe(0.3);
    expect(checkPlan(typed({}, { win_rate: '0' })).errors.get('win_rate')?.en).toBe(
      'Win rate must be more than 0% and at most 100%; you typed 0%.',
    );
  });

  it('says when channel shares do not add up to 100%, beside the last share', () => {
    const shares = (web: string) => ({
      templateId: 'b2b_pipeline',
      values: [
        { name: 'kgi', unit: 'amount' as const, text: '10億' },
        { name: 'web_leads', unit: 'percent' as const, text: web },
        { name: 'seminar_leads', unit: 'percent' as const, text: '30' },
        { name: 'exhibition_leads', unit: 'percent' as const, text: '20' },
      ],
      fiscalYear: '2025',
      startMonth: 4,
      weights: null,
    });
    expect(checkPlan(shares('50')).errors.size).toBe(0);
    expect(checkPlan(shares('40')).errors).toEqual(
      new Map([
        [
          'exhibition_leads',
          {
            en: 'The shares of Leads add up to 90%; they must add up to 100%.',
            ja: 'リード数の構成比の合計が 90% です。合計を 100% にしてください。',
          },
        ],
      ]),
    );
  });

  it('keeps calculating while only the year or the weights are wrong, but builds nothing', () => {
    const check = checkPlan(typed({ fiscalYear: '25', weights: '1 2' }));
    expect([...check.errors.keys()]).toEqual(['fiscalYear', 'seasonality']);
    expect(check.plan).not.toBeNull();
    expect(check.request).toBeNull();
  });

  it('phases the plan by the weights typed', () => {
    const row = [8, 8, 9, 8, 7, 10, 8, 8, 9, 8, 7, 10];
    expect(checkPlan(typed({ weights: row.join('\t') })).request?.seasonality).toEqual(row);
  });
});

describe('the default fiscal year', () => {
  it('is last calendar year before an April start month, this year from April', () => {
    expect(defaultFiscalYear(new Date(2026, 1, 10), 4)).toBe(2025);
    expect(defaultFiscalYear(new Date(2026, 3, 1), 4)).toBe(2026);
    expect(defaultFiscalYear(new Date(2026, 0, 1), 1)).toBe(2026);
  });
});

describe('the tree a build would duplicate', () => {
  const ref = (sheetName: string, templateId: TreeRef['templateId'], fiscalYear: number | null): TreeRef => ({
    sheetName,
    templateId,
    lang: 'en',
    fiscalYear,
  });
  const trees = [ref('Accounts 2025', 'account_sales', 2025), ref('KPI 2024', 'new_business', 2024), ref('KPI 2025', 'new_business', 2025)];

  it('is the same template’s tree of that year, else its first, else none', () => {
    expect(existingTree(trees, 'new_business', 2025)?.sheetName).toBe('KPI 2025');
    expect(existingTree(trees, 'new_business', 2030)?.sheetName).toBe('KPI 2024');
    expect(existingTree(trees, 'inside_sales', 2025)).toBeNull();
  });
});
