import fc from 'fast-check';
import { MemoryWorkbook } from '../../build/sheets/memoryWorkbook';
import { recovery } from '../../src/core/recovery';
import { readTreeSheet } from '../../src/core/sheet/readBack';
import { monthKey, PALETTE } from '../../src/core/sheet/schema';
import { templateById } from '../../src/core/templates';
import { isTyped, orderTree } from '../../src/core/tree';
import { VOCABULARY } from '../../src/core/vocabulary';
import type { BuildRequest, NewProcessKpi } from '../../src/rpc';
import { createServerApi } from '../../src/server/api';
import { buildTreeSheet } from '../../src/server/build';
import { processKpi, request, TreeSheet } from '../support/treeSheet';

const APRIL_2026 = new Date(2026, 3, 10);
const april = { revenue: 56_000_000, orders: 28, deals: 139, leads: 695, visits: 2778 };
const nodes = orderTree(templateById('new_business')!);

function apiFor(sheet: TreeSheet, today = APRIL_2026) {
  return createServerApi({ workbook: sheet.workbook, today: () => today, vocabulary: () => VOCABULARY });
}

describe('landing forecast, run rate and pace', () => {
  it('lands on actuals to date plus the plan of the months still blank, and flags a miss', () => {
    const sheet = TreeSheet.build({}, APRIL_2026);
    for (const m of [1, 2, 3]) sheet.actuals(m, { orders: 30 });
    const plans = Array.from({ length: 12 }, (_, m) => sheet.value('orders', monthKey('plan', m + 1)) as number);
    expect(sheet.value('orders', 'forecast')).toBe(90 + plans.slice(3).reduce((a, b) => a + b, 0));
    expect(sheet.value('orders', 'run_rate')).toBe(360);
    expect(sheet.value('orders', 'pace')).toBeCloseTo((500 - 90) / 9, 10);
    expect(sheet.seen('orders', 'forecast').background).toBe(PALETTE.under);

    for (const m of [1, 2, 3]) sheet.actuals(m, { orders: 60 });
    expect(sheet.value('orders', 'forecast')).toBeGreaterThanOrEqual(500);
    expect(sheet.seen('orders', 'forecast').background).not.toBe(PALETTE.under);
  });

  it('derives a rate’s landing from the landing of its counts', () => {
    const sheet = TreeSheet.build({}, APRIL_2026);
    sheet.actuals(1, april);
    const orders = sheet.value('orders', 'forecast') as number;
    const deals = sheet.value('deals', 'forecast') as number;
    expect(sheet.value('win_rate', 'forecast')).toBeCloseTo(orders / deals, 12);
  });
});

describe('closing a month', () => {
  it('records every node’s month in History, moves the period on, and never rewrites the past', () => {
    const sheet = TreeSheet.build({}, APRIL_2026);
    const api = apiFor(sheet);
    const refused = api.closeMonth(sheet.name, false);
    expect(refused.closed).toBe(false);
    if (!refused.closed) {
      expect(refused.month).toBe('2026-04');
      expect(refused.missing.map((m) => m.nodeId)).toEqual(nodes.filter(isTyped).map((n) => n.id));
      expect(refused.text.en).toMatch(/2026-04 still has 6 blank actuals/);
    }
    expect(sheet.workbook.sheetNames()).toEqual(['Sheet1', sheet.name]);

    sheet.actuals(1, { ...april, proposals: 70 });
    const closed = api.closeMonth(sheet.name, false);
    // The period stays on the month just closed: the one the meeting discusses.
    expect(closed).toEqual({ closed: true, month: '2026-04', revision: 1, period: '2026-04' });
    expect(sheet.setting('period')).toBe('2026-04');
    expect(sheet.setting('closedThrough')).toBe('2026-04');

    const history = sheet.workbook.readValues('KPI history');
    expect(history[0]).toEqual(VOCABULARY.words.en.history.headers);
    expect(history.slice(1).map((r) => r[4])).toEqual(nodes.map((n) => n.id));
    const winRate = history.find((r) => r[4] === 'win_rate')!;
    expect(winRate.slice(1, 4)).toEqual([sheet.name, '2026-04', 1]);
    expect(winRate[8]).toBeCloseTo(28 / 139, 12);
    expect(winRate[12]).toBe('✓');
    expect(history.filter((r) => r[12] === '✓')).toHaveLength(1);

    // A correction to April, closed again: a revision appended below, the first record kept.
    sheet.actuals(1, { orders: 40, revenue: 80_000_000 });
    expect(api.closeMonth(sheet.name, false, '2026-04')).toMatchObject({ closed: true, month: '2026-04', revision: 2 });
    expect(sheet.setting('closedThrough')).toBe('2026-04');
    const after = sheet.workbook.readValues('KPI history');
    expect(after.slice(0, history.length)).toEqual(history);
    expect(after.slice(history.length).every((r) => r[2] === '2026-04' && r[3] === 2)).toBe(true);
  });

  it('keeps appending once History outgrows a new sheet’s 1,000 rows', () => {
    const sheet = TreeSheet.build({}, APRIL_2026);
    const api = apiFor(sheet);
    api.closeMonth(sheet.name, true);
    const filler = Array.from({ length: 990 }, () => [{ text: 'earlier' }]);
    sheet.workbook.setContents('KPI history', { row: 11, column: 1, rows: 990, columns: 1 }, filler);
    expect(api.closeMonth(sheet.name, true)).toMatchObject({ closed: true, month: '2026-05' });
    expect(sheet.workbook.readValues('KPI history')).toHaveLength(1000 + nodes.length);
  });

  it('finds its settings and columns after a person inserts a column and a row', () => {
    const sheet = TreeSheet.build({}, APRIL_2026);
    sheet.actuals(1, april);
    sheet.actuals(2, { ...april, orders: 31 });
    sheet.workbook.sheets.insertColumns(sheet.name, 5); // a "Region" column after the definitions
    sheet.workbook.sheets.insertRows(sheet.name, 3); // a note above the summary
    const api = apiFor(sheet);
    expect(api.closeMonth(sheet.name, true)).toEqual({ closed: true, month: '2026-04', revision: 1, period: '2026-04' });
    const orders = sheet.workbook.readValues('KPI history').find((r) => r[4] === 'orders')!;
    expect(orders[8]).toBe(28); // April alone, not the year to date
    const read = readTreeSheet(sheet.workbook.readValues(sheet.name))!;
    expect([read.period, read.closedThrough, read.kgi]).toEqual(['2026-04', '2026-04', 1_000_000_000]);
    expect(api.applyWhatIf(sheet.name, { kgi: 2_000_000_000, inputs: {} })).toEqual(['kgi']);
    expect(sheet.value('orders', 'annual')).toBe(1000);
    // An update in place needs the tree's own columns where it put them: it says so and changes nothing.
    const before = sheet.workbook.readValues(sheet.name);
    expect(() => api.addProcessKpi(sheet.name, processKpi())).toThrow(/were inserted, deleted or moved.*Nothing was changed/);
    expect(sheet.workbook.readValues(sheet.name)).toEqual(before);
  });

  it('records the months a tree built mid-year never recorded, earliest first', () => {
    const sheet = TreeSheet.build({}, new Date(2026, 9, 5)); // 5 October: April to September are due
    const api = apiFor(sheet, new Date(2026, 9, 5));
    // Nothing is closed until History records it; April to September are due.
    expect(sheet.setting('closedThrough')).toBe('—');
    expect(api.getTreeStatus(sheet.name).nextToClose).toBe('2026-04');
    expect(api.closeMonth(sheet.name, true)).toMatchObject({ month: '2026-04', period: '2026-04' });
    expect(sheet.setting('closedThrough')).toBe('2026-04');
    expect(api.getTreeStatus(sheet.name).nextToClose).toBe('2026-05');
    for (let m = 5; m <= 9; m++) api.closeMonth(sheet.name, true);
    expect(api.getTreeStatus(sheet.name).nextToClose).toBe('2026-10');
    expect(api.closeMonth(sheet.name, true)).toMatchObject({ month: '2026-10', period: '2026-10' });
    expect(sheet.setting('closedThrough')).toBe('2026-10');
    expect(() => api.closeMonth(sheet.name, true, '2031-01')).toThrow(/not a month of this fiscal year/);
  });

  it('closes a month with blanks when the person confirms', () => {
    const sheet = TreeSheet.build({}, APRIL_2026);
    expect(apiFor(sheet).closeMonth(sheet.name, true)).toMatchObject({ closed: true, month: '2026-04' });
  });
});

describe('owners and their KPIs', () => {
  it('lists missing inputs with their owners, and protects owners’ rows only when asked', () => {
    const sheet = TreeSheet.build();
    const api = apiFor(sheet);
    sheet.type('orders', 'owner', 'sato@example.co.jp');
    sheet.type('deals', 'owner', 'Team West');
    const status = api.getTreeStatus(sheet.name);
    expect(status.missing.find((m) => m.nodeId === 'orders')?.owner).toBe('sato@example.co.jp');
    expect(status.nodes.filter((n) => n.owner === 'sato@example.co.jp').map((n) => n.nodeId)).toEqual(['orders']);

    const ownerCell = [sheet.rowOf('orders'), sheet.columnOf('actual_3')] as const;
    expect(sheet.workbook.editorsAt(sheet.name, ...ownerCell)).toBeNull();
    expect(status.ownerProtection).toBe(false);
    expect(api.setOwnerProtection(sheet.name, true)).toBe(1);
    expect(api.getTreeStatus(sheet.name).ownerProtection).toBe(true);
    expect(sheet.workbook.editorsAt(sheet.name, ...ownerCell)).toContain('sato@example.co.jp');
    expect(sheet.workbook.editorsAt(sheet.name, sheet.rowOf('deals'), sheet.columnOf('actual_3'))).toBeNull();
    // An update inserts a row above: the protection moves with the rows.
    api.addProcessKpi(sheet.name, processKpi());
    expect(api.getTreeStatus(sheet.name).ownerProtection).toBe(true);
    expect(sheet.workbook.editorsAt(sheet.name, sheet.rowOf('orders'), sheet.columnOf('actual_3'))).toContain('sato@example.co.jp');
    expect(api.setOwnerProtection(sheet.name, false)).toBe(0);
    expect(sheet.workbook.editorsAt(sheet.name, ...ownerCell)).toBeNull();
  });
});

describe('the bottleneck the sidebar names', () => {
  it('is the sheet’s, ties going to the earliest row as the sheet has it after rows were moved', () => {
    const sheet = TreeSheet.build({}, APRIL_2026);
    sheet.setting('period', '2026-04');
    // Two stages with nothing achieved tie: the win rate (orders 0) and the lead rate (leads 0).
    sheet.actuals(1, { revenue: 0, orders: 0, deals: 100, leads: 0, visits: 2000 });
    const api = apiFor(sheet);
    expect(sheet.summary('bottleneck')).toBe('Win rate');
    expect(api.getTreeStatus(sheet.name).bottleneck?.nodeId).toBe('win_rate');
    // A person drags the lead-rate row to just below the KGI's: it is now the earlier of the two.
    sheet.workbook.sheets.moveRow(sheet.name, sheet.rowOf('lead_rate'), sheet.rowOf('revenue') + 1);
    expect(sheet.summary('bottleneck')).toBe('Lead rate');
    expect(api.getTreeStatus(sheet.name).bottleneck?.nodeId).toBe('lead_rate');
  });
});

describe('what-if', () => {
  it('writes only the input cells it changed', () => {
    const sheet = TreeSheet.build();
    const api = apiFor(sheet);
    const before = sheet.workbook.calls.length;
    expect(api.applyWhatIf(sheet.name, { inputs: { win_rate: 0.25, deal_rate: 0.2 }, kgi: 1_000_000_000 })).toEqual(['win_rate']);
    expect(sheet.workbook.calls.slice(before).filter((c) => c === 'Range.setValues')).toHaveLength(1);
    expect(sheet.value('deals', 'annual')).toBe(2000);
    expect(api.applyWhatIf(sheet.name, { inputs: {}, kgi: 2_000_000_000 })).toEqual(['kgi']);
    expect(sheet.value('orders', 'annual')).toBe(1000);
  });

  it('refuses an impossible what-if without writing', () => {
    const sheet = TreeSheet.build();
    expect(() => apiFor(sheet).applyWhatIf(sheet.name, { inputs: { win_rate: 0 } })).toThrow(/greater than 0/);
    expect(sheet.value('win_rate', 'plan_input')).toBe(0.3);
  });
});

describe('process KPIs from the catalogue', () => {
  it('adds its own input row under the node it feeds, leaving the arithmetic as it was', () => {
    const sheet = TreeSheet.build();
    sheet.actuals(1, april);
    const yields = sheet.value('revenue', 'yields');
    apiFor(sheet).addProcessKpi(
      sheet.name,
      processKpi({
        label: { en: 'Seminar registrations', ja: 'セミナー申込数' },
        definition: { en: 'Registrations', ja: '申込の数' },
        plan: 1200,
      }),
    );
    expect(sheet.value('kpi_1', 'label')).toBe('Seminar registrations');
    expect(sheet.value('kpi_1', 'annual')).toBe(1200);
    expect(sheet.seen('kpi_1', 'actual_1').input).toBe(true);
    expect(sheet.rowOf('kpi_1')).toBeGreaterThan(sheet.rowOf('leads'));
    expect(sheet.value('revenue', 'yields')).toBe(yields);
    expect(sheet.value('orders', 'actual_1')).toBe(28);
  });

  it('joins the arithmetic as a channel when the planner says so, the others making room', () => {
    const pipeline = TreeSheet.build({ templateId: 'b2b_pipeline', kgi: 800_000_000 }, APRIL_2026);
    const leads = pipeline.value('leads', 'annual') as number;
    const api = apiFor(pipeline);
    api.addProcessKpi(
      pipeline.name,
      processKpi({
        label: { en: 'Referral leads', ja: '紹介リード' },
        definition: { en: 'Leads from referrals', ja: '紹介からのリード' },
        plan: 0,
        channelShare: 0.1,
      }),
    );
    const shares = ['web_leads', 'seminar_leads', 'exhibition_leads', 'kpi_1'].map((id) => pipeline.value(id, 'plan_input'));
    expect(shares).toEqual([0.45, 0.27, 0.18, 0.1]);
    expect(pipeline.value('leads', 'annual')).toBe(leads);
    expect(pipeline.value('kpi_1', 'annual')).toBe(Math.ceil(leads * 0.1));
    // Its actuals now count towards leads, and so towards the pipeline.
    pipeline.actuals(1, { web_leads: 100, seminar_leads: 50, exhibition_leads: 20, kpi_1: 30 });
    expect(pipeline.value('leads', 'actual_1')).toBe(200);
    // Only under a node that adds up channels, and a share short of the whole.
    const channel = (fields: Partial<NewProcessKpi>) => () => api.addProcessKpi(pipeline.name, processKpi({ plan: 0, ...fields }));
    expect(channel({ parent: 'appointments', channelShare: 0.1 })).toThrow(expect.objectContaining({ field: 'channelShare' }));
    expect(channel({ channelShare: 1 })).toThrow(/between 0% and 100%/);
  });

  it('names what is wrong with a new KPI', () => {
    const sheet = TreeSheet.build();
    const add = (fields: Partial<NewProcessKpi>) => () => apiFor(sheet).addProcessKpi(sheet.name, processKpi(fields));
    expect(add({ parent: 'nowhere' })).toThrow(/not in this tree/);
    expect(add({ label: { en: ' ', ja: ' ' } })).toThrow(/name of 1 to 100/);
    expect(add({ plan: -1 })).toThrow(/0 or more/);
  });
});

describe('fiscal-year rollover', () => {
  it('starts next year from this year’s targets, weights and owners, without actuals', () => {
    const sheet = TreeSheet.build({ seasonality: [1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3] });
    sheet.type('win_rate', 'plan_input', '25%');
    sheet.type('orders', 'owner', 'Sato');
    sheet.type('orders', 'note', 'this year only');
    sheet.actuals(1, april);
    const api = apiFor(sheet, new Date(2027, 2, 20));
    api.closeMonth(sheet.name, true);
    const historyBefore = sheet.workbook.readValues('KPI history');
    const { sheetName } = api.rolloverYear(sheet.name);
    expect(sheetName).toBe('New business FY2027');
    const next = new TreeSheet(sheet.workbook, sheetName);
    expect(next.setting('fiscalYear')).toBe(2027);
    expect(next.value('win_rate', 'plan_input')).toBe(0.25);
    expect(next.value('orders', 'owner')).toBe('Sato');
    expect(next.value('orders', 'note')).toBe('');
    expect(next.value('orders', 'actual_1')).toBe('');
    expect(next.workbook.valueAt(sheetName, 4, next.columnOf('plan_12'))).toBe(3);
    // This year's sheet and history are untouched.
    expect(sheet.value('orders', 'actual_1')).toBe(28);
    expect(sheet.workbook.readValues('KPI history')).toEqual(historyBefore);
  });
});

describe('the chart of the KGI by month', () => {
  it('charts plan, actual and the landing path from formulas that follow the data', () => {
    const sheet = TreeSheet.build({}, APRIL_2026);
    const [found] = sheet.workbook.sheets.charts(sheet.name);
    expect(found.title).toBe('KGI by month');
    const chart = { range: found.ranges[0] };
    const at = (row: number, month: number) => sheet.workbook.valueAt(sheet.name, chart.range.row + row, chart.range.column + month);
    expect(at(0, 1)).toBe('2026-04');
    sheet.actuals(1, { revenue: 70_000_000 });
    expect(at(1, 1)).toBe(sheet.value('revenue', 'plan_1'));
    expect(at(2, 1)).toBe(70_000_000);
    expect(at(3, 1)).toBe(70_000_000);
    expect(at(3, 2)).toBe(sheet.value('revenue', 'plan_2'));
  });
});

describe('the bottleneck rule in the core agrees with the sheet', () => {
  /**
   * For random April actuals of a tree, the sheet's KGI recoverable of every node in the
   * arithmetic (to `digits` places) and the bottleneck it names are the core's, reckoned from the
   * sheet's own figures for April.
   */
  function expectCoreAgrees(
    build: Partial<BuildRequest>,
    actuals: fc.Arbitrary<Record<string, number>>,
    { digits, numRuns }: { digits: number; numRuns: number },
  ): void {
    const tree = orderTree(templateById(build.templateId ?? 'new_business')!);
    const num = (v: unknown) => (typeof v === 'number' ? v : null);
    fc.assert(
      fc.property(actuals, (april) => {
        const sheet = TreeSheet.build(build, APRIL_2026);
        sheet.setting('period', '2026-04');
        sheet.actuals(1, april);
        const figures = new Map(
          tree.map((n) => [n.id, { plan: num(sheet.value(n.id, 'period_plan')), actual: num(sheet.value(n.id, 'period_actual')) }]),
        );
        const core = recovery(tree, figures);
        for (const n of tree.filter((x) => x.kind !== 'tracked')) {
          const inSheet = sheet.value(n.id, 'recoverable');
          const inCore = core.recoverable.get(n.id) ?? null;
          if (inCore === null) expect(inSheet).toBe('');
          else expect(inSheet as number).toBeCloseTo(inCore, digits);
        }
        expect(sheet.summary('bottleneck')).toBe(core.bottleneck === null ? '—' : tree.find((n) => n.id === core.bottleneck)!.label.en);
      }),
      { numRuns },
    );
  }

  it('gives the same KGI recoverable and the same bottleneck for random actuals', () => {
    const actuals = fc
      .record({
        visits: fc.integer({ min: 0, max: 4000 }),
        leads: fc.integer({ min: 0, max: 900 }),
        deals: fc.integer({ min: 0, max: 200 }),
        orders: fc.integer({ min: 0, max: 60 }),
        size: fc.integer({ min: 1, max: 40 }).map((k) => k * 100_000),
      })
      .map(({ visits, leads, deals, orders, size }) => ({ visits, leads, deals, orders, revenue: orders * size }));
    expectCoreAgrees({}, actuals, { digits: 3, numRuns: 25 });
  });

  it('agrees on the customer-success tree too: sums, levels, a yearly rate and churn', () => {
    const actuals = fc
      .record({
        opening: fc.integer({ min: 1, max: 700 }),
        churned: fc.integer({ min: 0, max: 100 }),
        fresh: fc.integer({ min: 0, max: 120 }),
        perCustomer: fc.integer({ min: 1, max: 120 }).map((k) => k * 1000),
      })
      .map(({ opening, churned, fresh, perCustomer }) => {
        const retained = Math.max(0, opening - churned);
        return { opening, retained, new_customers: fresh, recurring_revenue: (retained + fresh) * perCustomer };
      });
    expectCoreAgrees({ templateId: 'customer_success', kgi: 360_000_000 }, actuals, { digits: 2, numRuns: 15 });
  });
});

describe('dates people read', () => {
  it('records the close time in the spreadsheet’s time zone, not the script’s', () => {
    const workbook = new MemoryWorkbook({ timeZone: 'Asia/Tokyo' });
    const { sheetName } = buildTreeSheet(workbook, VOCABULARY, request());
    // 20:00 UTC on 23 November is 05:00 on the 24th in Tokyo.
    const now = new Date(Date.UTC(2026, 10, 23, 20, 0));
    createServerApi({ workbook, today: () => now, vocabulary: () => VOCABULARY }).closeMonth(sheetName, true);
    expect(workbook.sheets.displayAt('KPI history', 2, 1)).toBe('2026-11-24 05:00');
  });

  it('counts the months that have ended where the spreadsheet is', () => {
    // 23:30 UTC on 31 March is already 1 April in Tokyo: March, the last month of FY2025, has ended.
    const workbook = new MemoryWorkbook({ timeZone: 'Asia/Tokyo', now: () => new Date(Date.UTC(2026, 2, 31, 23, 30)) });
    const { sheetName } = buildTreeSheet(workbook, VOCABULARY, request({ fiscalYear: 2025 }));
    expect(readTreeSheet(workbook.readValues(sheetName))!.monthsDue).toBe(12);
  });
});
