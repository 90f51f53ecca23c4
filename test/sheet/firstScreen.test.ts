/**
 * The tree sheet's first screen, as a manager meets it beside the sidebar on a 1366×768 laptop
 * (about 1,000 px of grid, platform.md): the period's figures, their judgement and the year's
 * landing first, then the month being entered; rows 3–4 keep the year apart from the plan; counts
 * take whole numbers only. Figures worked out by hand.
 */

import type { Lang } from '../../src/core/i18n';
import { SHEET_WORDS } from '../../src/core/sheet/labels';
import { type ColumnKey, monthKey, ROW } from '../../src/core/sheet/schema';
import { TEMPLATES } from '../../src/core/templates';
import { TreeSheet } from '../support/treeSheet';

const LANGS: readonly Lang[] = ['en', 'ja'];

/** What the first screen shows, left to right (column A, the hidden node ids, shows nothing). */
const FIRST_SCREEN: readonly ColumnKey[] = [
  'tree',
  'label',
  'period_plan',
  'period_actual',
  'achievement',
  'status',
  'recoverable',
  'forecast',
  'annual',
];
/** Beside the sidebar, the grid is about 1,000 px wide, Sheets' row numbers (46 px) included. */
const GRID_PX = 1000;
const ROW_NUMBERS_PX = 46;

describe.each(LANGS)('the first screen (%s)', (lang) => {
  const words = SHEET_WORDS[lang];

  it.each(TEMPLATES.map((t) => [t.id]))('fits the period, its judgement and the landing within 1,000 px: %s', (templateId) => {
    const sheet = TreeSheet.build({ templateId, lang });
    const { columnWidths, hiddenColumns } = sheet.workbook.sheets.layout(sheet.name);
    // By the sheet's own widths: a hidden column takes no room, a column left alone is 100 px.
    const width = (column: number) => (hiddenColumns.includes(column) ? 0 : (columnWidths[column] ?? 100));
    const columns = FIRST_SCREEN.map((key) => sheet.columnOf(key));
    // In this order, from the first visible column on.
    expect(columns).toEqual(columns.map((_, i) => 2 + i));
    expect(hiddenColumns).toContain(1);
    const right = ROW_NUMBERS_PX + columns.reduce((px, column) => px + width(column), width(1));
    expect(right).toBeLessThanOrEqual(GRID_PX);
    // The actual inputs come next, the first month's first: the month being entered is near.
    expect(sheet.columnOf('actual_1')).toBe(sheet.columnOf('annual') + 1);
  });

  it('says which block a month belongs to, and groups the monthly plans people collapse', () => {
    const sheet = TreeSheet.build({ lang, startMonth: 4 });
    const header = (key: ColumnKey) => sheet.workbook.valueAt(sheet.name, ROW.header, sheet.columnOf(key));
    expect([header('actual_1'), header('actual_10'), header('plan_1'), header('plan_12')]).toEqual(
      lang === 'en' ? ['Apr actual', 'Jan actual', 'Apr plan', 'Mar plan'] : ['4月 実績', '1月 実績', '4月 計画', '3月 計画'],
    );
    const { columnGroups } = sheet.workbook.sheets.layout(sheet.name);
    const plans = Array.from({ length: 12 }, (_, m) => sheet.columnOf(monthKey('plan', m + 1)));
    expect(Object.keys(columnGroups).map(Number)).toEqual(plans);
    expect(Object.values(columnGroups)).toEqual(plans.map(() => 1));
    // The plan months come after the other columns, so collapsing them hides nothing else.
    expect(plans[0]).toBeGreaterThan(Math.max(...(['owner', 'plan_input', 'definition', 'trend'] as const).map((k) => sheet.columnOf(k))));
  });

  it('shows no unlabelled row of month numbers: the weights row says what it is, the numbers stay hidden', () => {
    const sheet = TreeSheet.build({ lang });
    const { hiddenRows } = sheet.workbook.sheets.layout(sheet.name);
    expect(hiddenRows).toEqual([ROW.keys]);
    const seen = sheet.workbook.view(sheet.name).rows;
    const actuals = Array.from({ length: 12 }, (_, m) => sheet.columnOf(monthKey('actual', m + 1)));
    for (const row of [ROW.title, ROW.settings, ROW.summary, ROW.months]) {
      expect(actuals.map((column) => seen[row - 1][column - 1]?.display ?? '').filter((d) => /^\d+$/.test(d))).toEqual([]);
    }
    // Row 4 over the plan months: the weights, labelled just before them.
    const weights = sheet.columnOf('plan_1');
    expect(seen[ROW.months - 1][weights - 2].display).toBe(words.weights);
    expect(seen[ROW.months - 1][weights - 1]).toMatchObject({ display: '1', input: true });
  });
});

describe.each(LANGS)('rows 3–4: the year apart from the plan (%s)', (lang) => {
  const words = SHEET_WORDS[lang];
  /** A row-3/4 figure as displayed, beside its label. */
  const shown = (sheet: TreeSheet, label: string) => {
    const rows = sheet.workbook.view(sheet.name).rows;
    for (const row of [ROW.summary, ROW.months]) {
      const column = rows[row - 1].findIndex((cell) => cell.display === label);
      if (column >= 0) return rows[row - 1][column + 1].display;
    }
    throw new Error(`no ${label}`);
  };

  it('tells a manager ¥219m behind the year’s gap, not the plan’s ¥200,000', () => {
    // ¥1bn, even months: the first half's plan is ¥500m (1bn × 6/12); revenue typed ¥281m.
    const sheet = TreeSheet.build({ lang });
    const revenue = [47_000_000, 47_000_000, 47_000_000, 47_000_000, 47_000_000, 46_000_000];
    revenue.forEach((amount, m) => {
      sheet.type('revenue', monthKey('actual', m + 1), String(amount));
    });
    // Actual to date: 5 × 47m + 46m = 281m. Landing: 281m + the second half's plan, 500m = 781m.
    // Landing vs KGI: 781m − 1,000m = −219m.
    expect(sheet.summary('actualToDate')).toBe(281_000_000);
    expect(sheet.summary('landing')).toBe(781_000_000);
    expect(sheet.summary('landing')).toBe(sheet.value('revenue', 'forecast'));
    expect(sheet.summary('landingGap')).toBe(-219_000_000);
    expect(shown(sheet, words.landingGap)).toBe('-¥219,000,000');
    expect(shown(sheet, words.actualToDate)).toBe('¥281,000,000');
    // The plan's coherence, labelled as the plan: 500 orders × ¥2m = ¥1bn, the reverse
    // calculation's rounding up of each stage gives ¥1,000,200,000, ¥200,000 over.
    expect(shown(sheet, words.gap)).toBe('¥200,000');
    expect(words.gap).toMatch(lang === 'en' ? /^Plan/ : /^計画/);
    expect(words.yields).toMatch(lang === 'en' ? /^Plan:/ : /^計画:/);
    expect(words.actualToDate).toMatch(lang === 'en' ? /^Year:/ : /^年間:/);
    expect(words.gap).not.toBe(words.landingGap);
  });

  it('leaves the year blank until an actual is entered, never a gap of −¥1bn', () => {
    const sheet = TreeSheet.build({ lang });
    expect([sheet.summary('actualToDate'), sheet.summary('landing'), sheet.summary('landingGap')]).toEqual(['', '', '']);
  });

  it('names the bottleneck in row 3 and what fixing it recovers under it', () => {
    const sheet = TreeSheet.build({ lang });
    sheet.setting('period', '2026-04');
    // 139 deals, 28 orders: a 20% win rate against 30% planned. Back on plan, 41.7 orders ×
    // ¥2m = ¥83.4m, so fixing it recovers ¥83.4m − ¥56m = ¥27.4m… of the KGI.
    sheet.actuals(1, { revenue: 56_000_000, orders: 28, deals: 139, leads: 695, visits: 2778 });
    expect(sheet.summary('bottleneck')).toBe(lang === 'en' ? 'Win rate' : '受注率');
    expect(sheet.summary('fixRecovers')).toBe(sheet.value('win_rate', 'recoverable'));
    expect(sheet.summary('fixRecovers')).toBeCloseTo(139 * 0.3 * 2_000_000 - 56_000_000, 4);
  });
});

describe.each(LANGS)('whole numbers for counts and money, decimals for sizes (%s)', (lang) => {
  const whole = SHEET_WORDS[lang].inputHelp.whole;

  it('refuses "10.5" orders with its help text, keeps "10"', () => {
    const sheet = TreeSheet.build({ lang });
    expect(() => sheet.type('orders', 'actual_1', '10.5')).toThrow(whole);
    expect(sheet.value('orders', 'actual_1')).toBe('');
    sheet.type('orders', 'actual_1', '10');
    expect(sheet.value('orders', 'actual_1')).toBe(10);
    expect(() => sheet.type('revenue', 'actual_1', '56000000.5')).toThrow(whole);
    expect(() => sheet.setting('kgi', '1000000000.5')).toThrow(whole);
    expect(sheet.workbook.sheets.validationAt(sheet.name, sheet.rowOf('orders'), sheet.columnOf('actual_12'))).toMatchObject({
      kind: 'formula',
      help: whole,
      allowInvalid: false,
    });
  });

  it('takes decimals in a size and an average', () => {
    const sheet = TreeSheet.build({ lang });
    sheet.type('deal_size', 'plan_input', '2000000.5');
    expect(sheet.value('deal_size', 'plan_input')).toBe(2_000_000.5);
    sheet.workbook.edit(sheet.name, ROW.months, sheet.columnOf('plan_1'), '1.5');
    expect(sheet.workbook.valueAt(sheet.name, ROW.months, sheet.columnOf('plan_1'))).toBe(1.5);
  });
});
