/**
 * The manager's month, in the sheet's own formulas: a stage at zero still gets a figure, a blank
 * is missing input (not zero), numbers show as they are, every engine names the same stage, and
 * bad input is shown rather than absorbed. Each case runs in an English and a Japanese tree.
 */
import fc from 'fast-check';
import { HyperFormula } from 'hyperformula';
import { registerSparkline } from '../../build/sheets/sparkline';
import { ceilDiv } from '../../src/core/exact';
import type { Lang } from '../../src/core/i18n';
import { planTree } from '../../src/core/plan';
import { ceilNoNoise } from '../../src/core/sheet/columns';
import { cellRange } from '../../src/core/sheet/draft';
import { SHEET_WORDS } from '../../src/core/sheet/labels';
import { type ColumnKey, monthKey, NUMBER_FORMAT, PALETTE, PLAN_1, ROW, SETTINGS } from '../../src/core/sheet/schema';
import { templateById } from '../../src/core/templates';
import { VOCABULARY } from '../../src/core/vocabulary';
import { customFunctions } from '../../src/functions/catalogue';
import { createServerApi } from '../../src/server/api';
import { TreeSheet } from '../support/treeSheet';

const LANGS: readonly Lang[] = ['en', 'ja'];
const MAY_2026 = new Date(2026, 4, 10); // April is closed
const JUNE_2026 = new Date(2026, 5, 10); // April and May are closed
const STAGES = ['deal_size', 'win_rate', 'deal_rate', 'lead_rate', 'visits'];

/** A new-business node's label in the tree's language. */
const label = (lang: Lang, id: string) => templateById('new_business')!.nodes.find((n) => n.id === id)!.label[lang];

/** What a paste past validation leaves in a cell (a script's write is not validated). */
function paste(sheet: TreeSheet, id: string, key: ColumnKey, value: number | string) {
  const content = typeof value === 'number' ? { number: value } : { text: value };
  sheet.workbook.setContents(sheet.name, cellRange(sheet.rowOf(id), sheet.columnOf(key)), [[content]]);
}

/** The sheet's formulas and values recomputed in a second HyperFormula, set up differently, on `today`. */
function recompute(sheet: TreeSheet, today: Date, config: { readonly smartRounding: boolean }) {
  registerSparkline();
  const values = sheet.workbook.readValues(sheet.name);
  const cells = values.map((row, r) =>
    row.map((v, c) => sheet.workbook.formulaAt(sheet.name, r + 1, c + 1) ?? (typeof v === 'string' ? (v === '' ? null : `'${v}`) : v)),
  );
  const hf = HyperFormula.buildFromArray(cells, {
    licenseKey: 'gpl-v3',
    useArrayArithmetic: false,
    leapYear1900: false,
    // What the fake's TODAY() reads, if it reads anything.
    context: { now: () => today, timeZone: 'Asia/Tokyo' },
    ...config,
  });
  hf.addNamedExpression('TRUE', '=TRUE()');
  hf.addNamedExpression('FALSE', '=FALSE()');
  const at = (row: number, column: number) => hf.getCellValue({ sheet: 0, row: row - 1, col: column - 1 });
  return {
    value: (id: string, key: ColumnKey) => at(sheet.rowOf(id), sheet.columnOf(key)),
    bottleneck: (lang: Lang) => {
      const words = values[ROW.summary - 1];
      return at(ROW.summary, words.indexOf(SHEET_WORDS[lang].bottleneck) + 2);
    },
  };
}

describe.each(LANGS)('a stage at zero still gets a figure (%s)', (lang) => {
  const { status } = SHEET_WORDS[lang];

  it('lets the plan stand in for a rate that is 0 ÷ 0, so every stage and the summary have a figure', () => {
    const sheet = TreeSheet.build({ lang }, MAY_2026);
    sheet.setting('period', '2026-04');
    // 90 deals, not one order: the win rate is 0, and the average deal size is 0 ÷ 0.
    sheet.actuals(1, { revenue: 0, orders: 0, deals: 90, leads: 450, visits: 1800 });
    expect(sheet.value('win_rate', 'period_actual')).toBe(0);
    expect(sheet.value('deal_size', 'period_actual')).toBe('');

    // Restoring the win rate alone: 90 deals × 30% × ¥2m planned per order = ¥54m.
    expect(sheet.value('win_rate', 'recoverable')).toBeCloseTo(90 * 0.3 * 2_000_000, 4);
    expect(sheet.value('win_rate', 'status')).toBe(status.bottleneck);
    // Restoring orders alone (not a stage): 42 planned for April (⌈500 ÷ 12⌉ phased) × ¥2m = ¥84m.
    expect(sheet.value('orders', 'recoverable')).toBe(42 * 2_000_000);
    // With no orders, the deal size moves nothing (0 × anything); with a win rate of 0, neither do
    // more deals, leads or visits: each stage's figure is 0, not blank.
    for (const id of ['deal_size', 'deal_rate', 'lead_rate', 'visits']) expect([id, sheet.value(id, 'recoverable')]).toEqual([id, 0]);
    expect(sheet.summary('bottleneck')).toBe(label(lang, 'win_rate'));
    expect(sheet.summary('fixRecovers')).toBeCloseTo(54_000_000, 4);
  });
});

describe.each(LANGS)('a blank is missing input, not zero (%s)', (lang) => {
  const { status } = SHEET_WORDS[lang];

  it('compares each node with the plan of its own entered months, and a rate over the months both its counts are in', () => {
    const sheet = TreeSheet.build({ lang }, JUNE_2026);
    sheet.setting('closedThrough', '2026-05'); // the year to date: April and May
    sheet.actuals(1, { revenue: 56_000_000, orders: 28, deals: 139, leads: 695, visits: 2778 });
    sheet.actuals(2, { revenue: 50_000_000, orders: 25, deals: 140, leads: 720 }); // May's visits not in yet
    expect(sheet.setting('period')).toBe(SHEET_WORDS[lang].ytd);

    // Plans phased evenly by cumulative rounding: visits 33,340 a year → April 2,778, May 2,779;
    // leads 8,335 → 695 and 694. Visits are compared with April's plan alone.
    expect(sheet.value('visits', 'period_actual')).toBe(2778);
    expect(sheet.value('visits', 'period_plan')).toBe(2778);
    expect(sheet.value('visits', 'recoverable')).toBe(0);
    expect(sheet.value('leads', 'period_plan')).toBe(695 + 694);
    // The lead rate counts April only (May has no visits): 695 ÷ 2,778 = 25.02%, 100.07% of plan,
    // not 1,415 ÷ 2,778 = 203.7% with May's blank read as 0.
    expect(sheet.value('lead_rate', 'period_actual')).toBeCloseTo(695 / 2778, 12);
    expect(sheet.value('lead_rate', 'achievement')).toBeCloseTo(695 / 2778 / 0.25, 12);
    expect(sheet.value('lead_rate', 'status')).toBe(status.on);

    // Win rate 53 ÷ 279 at ¥106m ÷ 53 = ¥2m an order: restored to 30%, 279 × 30% × ¥2m = ¥167.4m,
    // ¥61.4m more than the ¥106m booked. (Reading May's blank visits as 0 named Visits instead:
    // 2,779 visits short × ¥106m ÷ 2,778 = ¥106.04m.)
    expect(sheet.value('win_rate', 'recoverable')).toBeCloseTo(61_400_000, 4);
    // Deal rate 279 ÷ 1,415 against 20%: 1,415 × 20% = 283 deals, 4 more × 53/279 × ¥2m = ¥1,519,713.26.
    expect(sheet.value('deal_rate', 'recoverable')).toBeCloseTo((4 * 53 * 2_000_000) / 279, 4);
    expect(sheet.value('win_rate', 'status')).toBe(status.bottleneck);
    expect(sheet.summary('bottleneck')).toBe(label(lang, 'win_rate'));
    expect(sheet.summary('fixRecovers')).toBeCloseTo(61_400_000, 4);

    // The blank is flagged as missing; a run rate counts the months entered: 2,778 × 12.
    expect(sheet.seen('visits', 'actual_2').background).toBe(PALETTE.missing);
    expect(sheet.value('visits', 'run_rate')).toBe(2778 * 12);
  });

  it('adds up a sum’s channels only in months where all of them are entered', () => {
    const sheet = TreeSheet.build({ lang, templateId: 'b2b_pipeline', kgi: 800_000_000 }, JUNE_2026);
    sheet.actuals(1, { web_leads: 100, seminar_leads: 50, exhibition_leads: 20 });
    sheet.actuals(2, { web_leads: 110, seminar_leads: 40 }); // May's exhibition leads not in yet
    expect(sheet.value('leads', 'actual_1')).toBe(170);
    expect(sheet.value('leads', 'actual_2')).toBe('');
    expect(sheet.value('leads', 'period_actual')).toBe(170);
    expect(sheet.value('leads', 'period_plan')).toBe(sheet.value('leads', 'plan_1'));
  });
});

describe.each(LANGS)('numbers shown as they are (%s)', (lang) => {
  const help = SHEET_WORDS[lang].inputHelp;

  it('shows an average’s decimals, takes decimals in sizes, and a rate above 0 only', () => {
    const sheet = TreeSheet.build({ lang, templateId: 'account_sales', kgi: 600_000_000 });
    // Purchases per customer: 4 a year, so a month's plan is 4 ÷ 12 = 0.33, not 0.
    expect(sheet.value('repeat', 'plan_1')).toBeCloseTo(4 / 12, 12);
    const format = (id: string, key: ColumnKey) => sheet.workbook.sheets.formatAt(sheet.name, sheet.rowOf(id), sheet.columnOf(key));
    for (const key of ['plan_input', 'plan_1', 'period_plan', 'period_actual'] as const)
      expect(format('repeat', key)).toBe(NUMBER_FORMAT.average);
    expect(format('purchases', 'plan_1')).toBe(NUMBER_FORMAT.count);
    sheet.type('repeat', 'plan_input', '2.5');
    expect(sheet.value('repeat', 'plan_input')).toBe(2.5);
    expect(() => sheet.type('repeat', 'plan_input', '0')).toThrow(help.size);
    expect(() => sheet.type('price', 'plan_input', '0')).toThrow(help.size);
    expect(() => sheet.type('retention', 'plan_input', '0%')).toThrow(help.rate);
    sheet.type('retention', 'plan_input', '0.5%');
    expect(sheet.value('retention', 'plan_input')).toBe(0.005);
  });

  it('formats every percentage in the node rows the one way', () => {
    const sheet = TreeSheet.build({ lang });
    const format = (id: string, key: ColumnKey) => sheet.workbook.sheets.formatAt(sheet.name, sheet.rowOf(id), sheet.columnOf(key));
    for (const id of ['revenue', 'orders', 'win_rate', 'visits']) expect(format(id, 'achievement')).toBe(NUMBER_FORMAT.rate);
    for (const key of ['plan_input', 'annual', 'period_actual', 'actual_1'] as const)
      expect(format('win_rate', key)).toBe(NUMBER_FORMAT.rate);
  });
});

describe.each(LANGS)('the same answer in every engine (%s)', (lang) => {
  const { status } = SHEET_WORDS[lang];

  it('gives an exact tie between two stages to the earliest, in an exact and in a tolerant engine', () => {
    const sheet = TreeSheet.build({ lang }, MAY_2026);
    sheet.setting('period', '2026-04');
    // Win rate 25 ÷ 100 against 30% and deal rate 100 ÷ 600 against 20%: each is 1.2× short, so
    // each restored alone recovers ¥50m × 0.2 = ¥10m. In doubles: (0.3 − 0.25) × ¥2m × 100 =
    // 9,999,999.999999998 and (0.2 − 1/6) × ¥500k × 600 = 10,000,000.000000006.
    sheet.actuals(1, { revenue: 50_000_000, orders: 25, deals: 100, leads: 600, visits: 2400 });
    expect(sheet.value('win_rate', 'recoverable')).toBeCloseTo(10_000_000, 6);
    expect(sheet.value('deal_rate', 'recoverable')).toBeCloseTo(10_000_000, 6);
    expect(sheet.value('win_rate', 'score')).toBe(sheet.value('deal_rate', 'score'));
    expect(sheet.value('win_rate', 'status')).toBe(status.bottleneck);
    expect(sheet.value('deal_rate', 'status')).toBe(status.under);
    expect(sheet.summary('bottleneck')).toBe(label(lang, 'win_rate'));

    // A second engine comparing with a tolerance (as LibreOffice does) names the same stage.
    const tolerant = recompute(sheet, MAY_2026, { smartRounding: true });
    expect(tolerant.bottleneck(lang)).toBe(label(lang, 'win_rate'));
    expect(tolerant.value('win_rate', 'status')).toBe(status.bottleneck);
    expect(tolerant.value('deal_rate', 'status')).toBe(status.under);
    expect(recompute(sheet, MAY_2026, { smartRounding: false }).bottleneck(lang)).toBe(label(lang, 'win_rate'));
  });

  it('never rounds a count down: KGI 10¹³ at ¥3 an order needs 3,333,333,333,334 orders', () => {
    const sheet = TreeSheet.build({ lang, kgi: 1e13, inputs: { deal_size: 3 } });
    // 10¹³ ÷ 3 = 3,333,333,333,333.33…, rounded up at each stage.
    expect(sheet.value('orders', 'annual')).toBe(3_333_333_333_334);
    for (const { node, annual } of planTree(templateById('new_business')!, 1e13, { deal_size: 3 }).nodes) {
      expect([node.id, sheet.value(node.id, 'annual')]).toEqual([node.id, annual]);
    }
    expect(sheet.value('visits', 'annual')).toBe(customFunctions.KPI_REQUIRED(1e13, 3, 0.3, 0.2, 0.25));
  });

  it('leaves figures blank where an input is missing, never 0 from a blank in arithmetic', () => {
    const sheet = TreeSheet.build({ lang }, MAY_2026);
    sheet.type('win_rate', 'plan_input', '');
    for (const id of ['deals', 'leads', 'visits']) {
      for (const key of ['annual', 'yields', 'plan_1', 'period_plan', 'pace'] as const)
        expect([id, key, sheet.value(id, key)]).toEqual([id, key, '']);
    }
    sheet.setting('kgi', '');
    for (const id of ['revenue', 'orders']) expect([id, sheet.value(id, 'annual'), sheet.value(id, 'plan_1')]).toEqual([id, '', '']);
  });
});

describe('the noise guard of the reverse calculation', () => {
  it('rounds up exactly as the planner does: counts to 10¹⁰ over rates of four decimals, KGIs to 10¹⁴ over sizes', () => {
    const hf = HyperFormula.buildEmpty({ licenseKey: 'gpl-v3', smartRounding: false });
    const sheetId = hf.getSheetId(hf.addSheet('guard'))!;
    const divisor = fc.oneof(
      fc.integer({ min: 1, max: 10_000 }).map((n) => ({ b: n / 10_000, most: 1e10 })),
      fc.integer({ min: 1, max: 10_000_000 }).map((n) => ({ b: n, most: 1e14 })),
    );
    // Dividends at and next to whole multiples of the divisor, where binary noise decides.
    const division = fc
      .tuple(fc.double({ min: 0, max: 1, noNaN: true }), divisor, fc.integer({ min: -2, max: 2 }))
      .map(([share, { b, most }, nudge]) => [Math.max(0, Math.round(Math.round((share * most) / b) * b) + nudge), b] as const);
    fc.assert(
      fc.property(division, ([a, b]) => {
        expect(hf.calculateFormula(`=${ceilNoNoise(`${a}/${b}`)}`, sheetId)).toBe(ceilDiv(a, b));
      }),
      { numRuns: 5000 },
    );
  });
});

describe.each(LANGS)('bad input is shown, not absorbed (%s)', (lang) => {
  const words = SHEET_WORDS[lang];
  const april = { revenue: 56_000_000, orders: 28, deals: 139, leads: 695, visits: 2778 };

  /** The row says "check input" in its colour, and the summary names it instead of a bottleneck. */
  function expectFlagged(sheet: TreeSheet, id: string) {
    expect(sheet.value(id, 'status')).toBe(words.status.check);
    expect(sheet.seen(id, 'label').background).toBe(PALETTE.check);
    expect(sheet.summary('bottleneck')).toBe(label(lang, id));
    expect(sheet.summary('fixRecovers')).toBe(words.status.check);
    for (const stage of STAGES.filter((s) => s !== id)) expect(sheet.value(stage, 'status')).not.toBe(words.status.bottleneck);
  }

  function withApril() {
    const sheet = TreeSheet.build({ lang }, MAY_2026);
    sheet.setting('period', '2026-04');
    sheet.actuals(1, april);
    return sheet;
  }

  it('a rate of 0: refused when typed, flagged when pasted, and nothing divided by it', () => {
    const sheet = withApril();
    expect(() => sheet.type('win_rate', 'plan_input', '0%')).toThrow(words.inputHelp.rate);
    paste(sheet, 'win_rate', 'plan_input', 0);
    expectFlagged(sheet, 'win_rate');
    expect(sheet.value('deals', 'annual')).toBe('');
    expect(sheet.value('deals', 'status')).toBe('');
  });

  it('a KGI of 0: the KGI row and cell flagged, no plan below it', () => {
    const sheet = withApril();
    sheet.setting('kgi', '0');
    expectFlagged(sheet, 'revenue');
    expect(sheet.workbook.view(sheet.name).rows[ROW.settings - 1][SETTINGS.kgi - 1].background).toBe(PALETTE.check);
    expect(sheet.value('orders', 'annual')).toBe('');
    for (const id of ['orders', 'deals', 'visits']) expect(sheet.value(id, 'status')).toBe('');
  });

  it('all seasonal weights 0: the KGI row and the weights flagged, no month planned', () => {
    const sheet = withApril();
    for (let m = 0; m < 12; m++) sheet.workbook.edit(sheet.name, ROW.months, PLAN_1 + m, '0');
    expectFlagged(sheet, 'revenue');
    expect(sheet.workbook.view(sheet.name).rows[ROW.months - 1][PLAN_1 - 1].background).toBe(PALETTE.check);
    expect(sheet.value('orders', 'plan_1')).toBe('');
    expect(sheet.value('orders', 'period_plan')).toBe('');
    expect(sheet.value('orders', 'status')).toBe('');
  });

  it('a count target typed with a fraction: its row flagged, as counts and money are whole', () => {
    const sheet = withApril();
    // Its rule says whole, and refuses a negative as typed.
    expect(() => sheet.type('deals', 'plan_input', '-1')).toThrow(words.inputHelp.whole);
    sheet.type('deals', 'plan_input', '1667.5');
    expectFlagged(sheet, 'deals');
    // A whole target is taken as it is.
    sheet.type('deals', 'plan_input', '1700');
    expect(sheet.value('deals', 'status')).not.toBe(words.status.check);
    expect(sheet.value('deals', 'annual')).toBe(1700);
  });

  it('a count pasted with a fraction: its cell flagged, as counts and money are whole', () => {
    const sheet = withApril();
    paste(sheet, 'orders', monthKey('actual', 1), 10.5);
    expect(sheet.seen('orders', 'actual_1').background).toBe(PALETTE.check);
    expect(sheet.seen('deals', 'actual_1').background).not.toBe(PALETTE.check);
  });

  it.each([
    ['a negative actual', -3],
    ['a text actual', 'many'],
  ])('%s pasted past validation: its row and cell flagged, the month left out of the rates', (_, bad) => {
    const sheet = withApril();
    paste(sheet, 'orders', monthKey('actual', 1), bad);
    expectFlagged(sheet, 'orders');
    expect(sheet.seen('orders', 'actual_1').background).toBe(PALETTE.check);
    expect(sheet.value('win_rate', 'period_actual')).toBe('');
    // Typed again as a count, the figures come back.
    sheet.type('orders', 'actual_1', '28');
    expect(sheet.value('orders', 'status')).toBe(words.status.under);
    expect(sheet.summary('bottleneck')).toBe(label(lang, 'win_rate'));
  });
});

describe('the sidebar and a row whose input needs checking', () => {
  it('does not name a stage with bad input as the stage to fix', () => {
    const sheet = TreeSheet.build({}, new Date(2026, 3, 10));
    sheet.setting('period', '2026-04');
    sheet.actuals(1, { revenue: 56_000_000, orders: 28, deals: 139, leads: 695, visits: 2778 });
    // A negative count of visits (a stage) pasted past the validation: a paste writes it regardless.
    const tab = sheet.workbook.sheets.services.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(sheet.name)!;
    tab.getRange(sheet.rowOf('visits'), sheet.columnOf('actual_1')).setValue(-5);
    expect(sheet.value('visits', 'status')).toBe('Check input');
    const status = createServerApi({
      workbook: sheet.workbook,
      today: () => new Date(2026, 3, 10),
      vocabulary: () => VOCABULARY,
    }).getTreeStatus(sheet.name);
    // As the sheet's row 3, the sidebar names the row to check, not a stage.
    expect(status.bottleneck).toBeNull();
    expect(status.checkInput).toEqual([{ nodeId: 'visits', label: 'Visits', owner: '', row: sheet.rowOf('visits') }]);
    expect(status.underPlan.find((s) => s.nodeId === 'visits')?.ranked ?? false).toBe(false);
  });

  it.each(LANGS)(
    'a planned rate of 0 pasted: the status still reads, naming the row; a month still closes; an update names the rate (%s)',
    (lang) => {
      const sheet = TreeSheet.build({ lang }, MAY_2026);
      sheet.actuals(1, { revenue: 56_000_000, orders: 28, deals: 139, leads: 695, visits: 2778 });
      paste(sheet, 'win_rate', 'plan_input', 0);
      const api = createServerApi({ workbook: sheet.workbook, today: () => MAY_2026, vocabulary: () => VOCABULARY });
      const status = api.getTreeStatus(sheet.name);
      expect(status.checkInput).toEqual([{ nodeId: 'win_rate', label: label(lang, 'win_rate'), owner: '', row: sheet.rowOf('win_rate') }]);
      expect(status.bottleneck).toBeNull();
      expect(api.closeMonth(sheet.name, true).closed).toBe(true);
      expect(() => api.updateTree(sheet.name, { kgi: 2_000_000_000 })).toThrow(label('en', 'win_rate'));
      // Fixed in the sheet, nothing is left to check.
      sheet.type('win_rate', 'plan_input', '30%');
      expect(api.getTreeStatus(sheet.name).checkInput).toEqual([]);
    },
  );
});

describe('row 3 with an input to check', () => {
  it('leaves the coherence figures blank while a planned rate needs checking', () => {
    const sheet = TreeSheet.build();
    // Text pasted over the win rate past the validation: the plan yields nothing to compare.
    const tab = sheet.workbook.sheets.services.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(sheet.name)!;
    tab.getRange(sheet.rowOf('win_rate'), sheet.columnOf('plan_input')).setValue('text');
    // Engines disagree on a blank in arithmetic (0, #VALUE!): blank in, blank out, never a made-up gap of −¥1bn.
    expect((['yields', 'ofKgi', 'gap'] as const).map((label) => sheet.summary(label))).toEqual(['', '', '']);
  });
});
