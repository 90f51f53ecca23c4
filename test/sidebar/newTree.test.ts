import { checkPlan, defaultFiscalYear, existingTree, neededRows, type TypedPlan } from '../../sidebar/client/newTree';
import { MESSAGES } from '../../sidebar/client/text';
import type { KpiError } from '../../src/core/i18n';
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

  it('says a figure that is not a number beside its field, and stops calculating', () => {
    const check = checkPlan(typed({}, { kgi: 'abc' }));
    expect(check.errors).toEqual(new Map([['kgi', MESSAGES.notANumber]]));
    expect(check.plan).toBeNull();
    expect(check.request).toBeNull();
    expect(neededRows(check.plan, 'en')).toEqual([]);
  });

  it('keeps calculating while only the year or the weights are wrong, but builds nothing', () => {
    const check = checkPlan(typed({ fiscalYear: '25', weights: '1 2' }));
    expect([...check.errors.keys()]).toEqual(['fiscalYear', 'seasonality']);
    expect(check.plan).not.toBeNull();
    expect(check.request).toBeNull();
  });

  it('places the core’s refusal beside the field it names', () => {
    const check = checkPlan(typed({}, { win_rate: '0' }));
    const refused = (() => {
      try {
        planTree(templateById('new_business')!, 1e9, { win_rate: 0 });
      } catch (error) {
        return error as KpiError;
      }
    })();
    expect(check.errors).toEqual(new Map([['win_rate', refused!.text]]));
    expect(check.plan).toBeNull();
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
