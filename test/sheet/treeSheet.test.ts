import { planTree } from '../../src/core/plan';
import { monthKey, PALETTE } from '../../src/core/sheet/schema';
import { TEMPLATES } from '../../src/core/templates';
import { VOCABULARY } from '../../src/core/vocabulary';
import { customFunctions } from '../../src/functions/catalogue';
import { updateTreeSheet } from '../../src/server/update';
import { TreeSheet } from '../support/treeSheet';

const KPI_REQUIRED = customFunctions.KPI_REQUIRED;

describe('the reverse calculation, live in native formulas', () => {
  const sheet = TreeSheet.build();

  it('gives the domain brief’s planned orders, deals and leads for ¥1bn', () => {
    expect(sheet.value('revenue', 'annual')).toBe(1_000_000_000);
    expect(sheet.value('orders', 'annual')).toBe(500);
    expect(sheet.value('deals', 'annual')).toBe(1667);
    expect(sheet.value('leads', 'annual')).toBe(8335);
    // The same figure as the custom function and the sidebar's planner.
    expect(sheet.value('leads', 'annual')).toBe(KPI_REQUIRED(1_000_000_000, 2_000_000, 0.3, 0.2));
  });

  it('agrees with the core planner on every node of every template', () => {
    for (const template of TEMPLATES) {
      const built = TreeSheet.build({ templateId: template.id, kgi: template.kgi });
      for (const { node, annual, yields } of planTree(template, template.kgi).nodes) {
        expect([node.id, built.value(node.id, 'annual')]).toEqual([node.id, annual]);
        expect([node.id, built.value(node.id, 'yields')]).toEqual([node.id, yields]);
      }
    }
  });

  it('never lets binary noise bump a rounded stage (7 ÷ 70% is 10)', () => {
    const exact = TreeSheet.build({ kgi: 7_000_000, inputs: { deal_size: 1_000_000, win_rate: 0.7 } });
    expect(exact.value('orders', 'annual')).toBe(7);
    expect(exact.value('deals', 'annual')).toBe(10);
  });

  it('recalculates the whole tree when the KGI or a rate is typed', () => {
    const live = TreeSheet.build();
    live.setting('kgi', '2000000000');
    expect(live.value('orders', 'annual')).toBe(1000);
    live.type('win_rate', 'plan_input', '25%');
    expect(live.value('deals', 'annual')).toBe(4000);
    expect(live.value('leads', 'annual')).toBe(20000);
  });

  it('phases whole-number targets into months that add up to the annual plan exactly', () => {
    const seasonal = TreeSheet.build({ seasonality: [5, 7, 9, 8, 6, 7, 9, 10, 8, 6, 9, 16] });
    for (const id of ['revenue', 'orders', 'deals', 'leads', 'visits']) {
      const months = Array.from({ length: 12 }, (_, m) => seasonal.value(id, monthKey('plan', m + 1)) as number);
      expect(months.every(Number.isInteger)).toBe(true);
      expect(months.reduce((a, b) => a + b, 0)).toBe(seasonal.value(id, 'annual'));
    }
    // Rates and sizes hold all year.
    expect(seasonal.value('win_rate', 'plan_7')).toBe(0.3);
    expect(seasonal.value('deal_size', 'plan_12')).toBe(2_000_000);
  });
});

describe('the coherence line', () => {
  it('shows a reverse-calculated plan reaching its KGI', () => {
    const sheet = TreeSheet.build();
    expect(sheet.summary('ofKgi')).toBeGreaterThanOrEqual(1);
    expect(sheet.summary('ofKgi')).toBeLessThan(1.001);
  });

  it('catches the brief’s 36% example: 50 deals a month, 30% win rate, ¥2m per deal', () => {
    const sheet = TreeSheet.build({ inputs: { deals: 600 } });
    expect(sheet.value('orders', 'yields')).toBe(180);
    expect(sheet.summary('yields')).toBe(360_000_000);
    expect(sheet.summary('ofKgi')).toBeCloseTo(0.36, 12);
    expect(sheet.summary('gap')).toBe(-640_000_000);
    // Typed in the sheet by a planner, the same gap appears at once.
    const typed = TreeSheet.build();
    typed.type('deals', 'plan_input', '600');
    expect(typed.summary('ofKgi')).toBeCloseTo(0.36, 12);
  });
});

describe('actuals, derived rates and the bottleneck', () => {
  const april = { revenue: 56_000_000, orders: 28, deals: 139, leads: 695, visits: 2778 };

  it('derives actual rates from the counts typed', () => {
    const sheet = TreeSheet.build();
    sheet.actuals(1, april);
    expect(sheet.value('win_rate', 'actual_1')).toBeCloseTo(28 / 139, 12);
    expect(sheet.value('deal_size', 'actual_1')).toBe(2_000_000);
    expect(sheet.workbook.formulaAt(sheet.name, sheet.rowOf('win_rate'), sheet.columnOf('actual_1'))).not.toBeNull();
  });

  it('names the stage whose restoration recovers the most KGI, and colours it red, live', () => {
    const sheet = TreeSheet.build();
    sheet.setting('period', '2026-04');
    sheet.actuals(1, april);
    expect(sheet.summary('bottleneck')).toBe('Win rate');
    expect(sheet.value('win_rate', 'status')).toBe('▼ Bottleneck');
    expect(sheet.seen('win_rate', 'label').background).toBe(PALETTE.bottleneck);
    // The brief's rule for a product chain: KGI_actual × (plan ÷ actual − 1).
    expect(sheet.value('win_rate', 'recoverable')).toBeCloseTo(56_000_000 * (0.3 / (28 / 139) - 1), 4);
    expect(sheet.seen('visits', 'label').background).toBe(PALETTE.on);

    // Leads dry up: the lead rate is now the stage to fix, and the red moves there.
    sheet.actuals(1, { leads: 400, deals: 80, orders: 24, revenue: 48_000_000 });
    expect(sheet.summary('bottleneck')).toBe('Lead rate');
    expect(sheet.seen('lead_rate', 'label').background).toBe(PALETTE.bottleneck);
    expect(sheet.seen('win_rate', 'label').background).toBe(PALETTE.on);
    expect(sheet.seen('revenue', 'label').background).toBe(PALETTE.under);
  });

  it('ranks a stage with a zero actual first', () => {
    const sheet = TreeSheet.build();
    sheet.setting('period', '2026-04');
    sheet.actuals(1, { revenue: 0, orders: 0, deals: 139, leads: 300, visits: 2778 });
    expect(sheet.summary('bottleneck')).toBe('Win rate');
  });

  it('adds the months of the year to date', () => {
    const sheet = TreeSheet.build();
    sheet.actuals(1, april);
    sheet.actuals(2, april);
    sheet.setting('closedThrough', '2026-05');
    expect(sheet.setting('period')).toBe('YTD');
    expect(sheet.value('orders', 'period_actual')).toBe(56);
    expect(sheet.value('orders', 'period_plan')).toBe(
      (sheet.value('orders', 'plan_1') as number) + (sheet.value('orders', 'plan_2') as number),
    );
    expect(sheet.value('win_rate', 'period_actual')).toBeCloseTo(56 / 278, 12);
  });

  it('flips the sign for a lower-is-better churn rate, exactly as restoring it recomputes the KGI', () => {
    const cs = TreeSheet.build({ templateId: 'customer_success', kgi: 360_000_000 });
    cs.setting('period', '2026-04');
    const opening = 555;
    const retained = 444; // churn 20% against a plan of 8%
    const fresh = 60;
    const revenue = (retained + fresh) * 50_000; // ¥600,000 a year per customer: on plan for a month
    cs.actuals(1, { recurring_revenue: revenue, opening, retained, new_customers: fresh });
    expect(cs.value('churn', 'period_actual')).toBeCloseTo(0.2, 12);
    const arpa = revenue / (retained + fresh);
    const restored = (opening * (1 - 0.08) + fresh) * arpa; // churn back on plan, the rest as is
    expect(cs.value('churn', 'recoverable')).toBeCloseTo(restored - revenue, 4);
    expect(cs.value('churn', 'achievement')).toBeCloseTo(0.08 / 0.2, 12);
    expect(cs.value('churn', 'status')).toBe('▼ Bottleneck');
  });

  it('reads customers as a level: the year’s target each month, the last month entered as the actual', () => {
    const cs = TreeSheet.build({ templateId: 'customer_success', kgi: 360_000_000 }, new Date(2026, 4, 20));
    const target = cs.value('customers', 'annual') as number; // 600 at year end
    expect(cs.value('customers', 'plan_1')).toBe(target);
    cs.actuals(1, { recurring_revenue: 27_500_000, opening: 555, retained: 545, new_customers: 5 });
    cs.actuals(2, { recurring_revenue: 28_000_000, opening: 555, retained: 540, new_customers: 20 });
    cs.setting('period', '2026-04');
    expect(cs.value('customers', 'period_actual')).toBe(550);
    expect(cs.value('customers', 'achievement')).toBeCloseTo(550 / target, 12);
    // Revenue per customer is a yearly rate: a month's plan is a twelfth of it.
    expect(cs.value('arpa', 'period_plan')).toBe(50_000);
    expect(cs.value('arpa', 'period_actual')).toBe(50_000);
    expect(cs.value('arpa', 'status')).toBe('On plan');
    // The year to date takes the latest level, and a yearly rate over the months covered.
    cs.setting('period', 'YTD');
    expect(cs.value('customers', 'period_actual')).toBe(560);
    expect(cs.value('recurring_revenue', 'period_actual')).toBe(55_500_000);
    expect(cs.value('arpa', 'period_plan')).toBe(100_000);
    expect(cs.value('customers', 'forecast')).toBe(560);
  });

  it('flags blank actuals of closed months as missing input until they are typed', () => {
    const sheet = TreeSheet.build(); // built in November: April to October are closed
    expect(sheet.seen('orders', 'actual_7').background).toBe(PALETTE.missing);
    expect(sheet.seen('orders', 'actual_8').background).toBe(PALETTE.input);
    sheet.type('orders', 'actual_7', '40');
    expect(sheet.seen('orders', 'actual_7').background).toBe(PALETTE.input);
    // Derived rates are never inputs, so never missing.
    expect(sheet.seen('win_rate', 'actual_1').background).not.toBe(PALETTE.missing);
  });
});

describe('a sheet that protects itself', () => {
  it('takes input only where a person should type, and rejects what is not a count or a rate', () => {
    const sheet = TreeSheet.build();
    expect(sheet.seen('orders', 'actual_1').input).toBe(true);
    expect(sheet.seen('orders', 'owner').input).toBe(true);
    expect(sheet.seen('orders', 'annual').input).toBe(false);
    expect(sheet.seen('win_rate', 'actual_1').input).toBe(false);
    expect(() => sheet.type('orders', 'actual_1', '-3')).toThrow('A whole number of 0 or more.');
    expect(() => sheet.type('orders', 'actual_1', 'many')).toThrow('A whole number of 0 or more.');
    expect(() => sheet.type('win_rate', 'plan_input', '130%')).toThrow('A rate above 0% and at most 100%.');
    expect(sheet.workbook.sheets.protections(sheet.name).find((p) => p.type === 'SHEET')?.description).toMatch(/computed cells/);
  });

  it('writes text as text: a label starting with = + - @ never becomes a formula', () => {
    const hostile = ['=IMPORTXML("http://x","//a")', '+81 3 1234', '-5 legacy', '@owner', '<img src=x onerror=alert(1)>'];
    const sheet = TreeSheet.build();
    updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, {
      addNodes: hostile.map((label, i) => ({
        id: `custom_${i}`,
        parent: 'deals',
        kind: 'tracked',
        unit: 'count',
        role: 'process',
        plan: 10,
        label: { en: label, ja: label },
        definition: { en: label, ja: label },
      })),
    });
    hostile.forEach((label, i) => {
      expect(sheet.value(`custom_${i}`, 'label')).toBe(label);
      expect(sheet.value(`custom_${i}`, 'definition')).toBe(label);
      expect(sheet.workbook.formulaAt(sheet.name, sheet.rowOf(`custom_${i}`), sheet.columnOf('label'))).toBeNull();
    });
  });

  it('names the KGI and the period selector', () => {
    const sheet = TreeSheet.build();
    const names = sheet.workbook.sheets.namedRanges().map((n) => n.name);
    expect(names.some((n) => n.startsWith('KPI_KGI_'))).toBe(true);
    expect(names.some((n) => n.startsWith('KPI_PERIOD_'))).toBe(true);
  });

  it('speaks Japanese when built in Japanese', () => {
    const sheet = TreeSheet.build({ lang: 'ja' });
    expect(sheet.name).toBe('新規開拓営業');
    expect(sheet.value('orders', 'label')).toBe('受注件数');
    expect(sheet.setting('period')).toBe('年度累計');
    sheet.setting('period', '2026-04');
    sheet.actuals(1, april());
    expect(sheet.value('win_rate', 'status')).toBe('▼ ボトルネック');
  });
});

function april() {
  return { revenue: 56_000_000, orders: 28, deals: 139, leads: 695, visits: 2778 };
}
