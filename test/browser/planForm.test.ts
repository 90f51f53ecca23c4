/**
 * The New tree form as a planner meets it, in English and in Japanese, at the sidebar's real
 * width: one input convention (money refuses a percentage, a fraction in a percent field is
 * shown as read), every error at once in a planner's words, no sheet built by Enter, and the
 * person's language remembered while a tree's labels stay in the tree's language.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { eventually, eventuallyReads, eventuallyText } from './support/eventually';
import { nodeValue } from './support/grid';
import { browser, openSidebarAlone, page, preview, sidebar, unlabelledControls, usePreview } from './support/preview';

const LANGS = [
  {
    lang: 'en',
    other: 'ja',
    title: 'KPI Tree',
    otherTitle: 'KPIツリー',
    errors: {
      kgi: 'The KGI is an amount of money, not a percentage: type it as 10億 or 1,000,000,000; you typed 30%.',
      deal_size: 'Average deal size must be an amount of money such as 10億 or 1,000,000,000; you typed “abc”.',
      win_rate: 'Win rate must be more than 0% and at most 100%; you typed 150%.',
      lead_rate: 'Lead rate is blank: type a percentage such as 30.',
    },
    note: '0.3% — did you mean 30%?',
    built: 'New business',
    exists: 'A tree of this template exists: New business',
    // Said in the other language (the sidebar's), of this language's tree.
    sheetIn: 'シートの言語: 英語',
    winRate: 'Win rate',
    insideSalesHint: 'A count, e.g. 1,200 or 1.2k',
    group: 'リード獲得全般',
    // The group's first KPI is a rate (target-fit rate): its target is a percentage, held each month.
    kpiPlanError: '目標（毎月）は 30 のような%の値で入力してください（入力: 「abc」）。',
    unit: '%',
    levelTarget: '目標（毎月）',
  },
  {
    lang: 'ja',
    other: 'en',
    title: 'KPIツリー',
    otherTitle: 'KPI Tree',
    errors: {
      kgi: 'KGIは金額の欄で、% は使えません。10億 や 1,000,000,000 のように入力してください（入力: 30%）。',
      deal_size: '顧客単価は 10億 や 1,000,000,000 のような金額で入力してください（入力: 「abc」）。',
      win_rate: '受注率は 0% より大きく 100% 以下にしてください（入力: 150%）。',
      lead_rate: 'リード獲得率が空欄です。30 のような%の値を入力してください。',
    },
    note: '0.3% と読みました。30% のつもりですか？',
    built: '新規開拓営業',
    exists: 'このテンプレートのツリーがあります: 新規開拓営業',
    sheetIn: 'Sheet language: Japanese',
    winRate: '受注率',
    insideSalesHint: '件数。例: 1,200、1200',
    group: 'Any lead source',
    kpiPlanError: 'Target (each month) must be a percentage such as 30; you typed “abc”.',
    unit: '%',
    levelTarget: 'Target (each month)',
  },
] as const;

const field = (name: string): Locator => sidebar.locator(`#f-new_business-${name}`);
const errorOf = (name: string): Locator => sidebar.locator(`#f-new_business-${name}-err`);
const isFocused = (locator: Locator) => () => locator.evaluate((el) => el === document.activeElement);

/** The plan as the template offers it, KGI 10億, FY2025. */
async function validPlan(): Promise<void> {
  await sidebar.locator('label[for="tpl-new_business"]').click();
  for (const [name, text] of [
    ['kgi', '10億'],
    ['deal_size', '2,000,000'],
    ['win_rate', '30'],
    ['deal_rate', '20'],
    ['lead_rate', '25'],
  ] as const) {
    await field(name).fill(text);
  }
  await sidebar.locator('#fiscal-year').fill('2025');
}

describe.each(LANGS)('the plan form ($lang)', (t) => {
  usePreview();

  beforeAll(async () => {
    await sidebar.locator('#lang').selectOption(t.lang);
    await eventuallyText(sidebar.locator('h1'), t.title);
  });

  it('fits a 300×700 sidebar: the KGI in view without scrolling, the weights box only when chosen', async () => {
    const narrow = await browser.newPage({ viewport: { width: 300, height: 700 } });
    try {
      // The language chosen in the other sidebar is the person's: this one opens in it.
      await openSidebarAlone(narrow, preview, 'new');
      await eventuallyText(narrow.locator('h1'), t.title);
      const kgi = await narrow.locator('#f-new_business-kgi').boundingBox();
      expect(kgi && kgi.y + kgi.height).toBeLessThanOrEqual(700);

      const weights = narrow.locator('#weights');
      expect(await weights.isVisible()).toBe(false);
      await narrow.locator('#season-weights').check();
      expect(await weights.isVisible()).toBe(true);
      await narrow.locator('#season-even').check();
      expect(await weights.isVisible()).toBe(false);

      // A count KGI is explained as a count, and share fields show % alone.
      await narrow.locator('label[for="tpl-inside_sales"]').click();
      await eventuallyText(narrow.locator('#f-inside_sales-kgi-hint'), t.insideSalesHint);
      await narrow.locator('label[for="tpl-account_sales"]').click();
      const affixes = await narrow.locator('#values-account_sales .field:has([data-unit="percent"]) .affix').allTextContents();
      expect(affixes.length).toBeGreaterThan(0);
      expect(new Set(affixes)).toEqual(new Set(['%']));
      await narrow.locator('label[for="tpl-new_business"]').click();

      await narrow.screenshot({ path: join(tmpdir(), `form-top-${t.lang}.png`) });
      expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
      expect(await unlabelledControls(narrow)).toEqual([]);
    } finally {
      await narrow.close();
    }
  });

  it('shows every bad field at once on Build, in a planner’s words, and focuses the first', async () => {
    await validPlan();
    await field('kgi').fill('30%');
    await field('deal_size').fill('abc');
    await field('win_rate').fill('150');
    await field('lead_rate').fill('');
    await sidebar.locator('#build').click();

    for (const [name, text] of Object.entries(t.errors)) {
      await eventuallyText(errorOf(name), text);
      expect(await field(name).getAttribute('aria-invalid')).toBe('true');
    }
    expect(await errorOf('deal_rate').textContent()).toBe('');
    await eventuallyReads(isFocused(field('kgi')), true);
    expect(preview.workbook.sheetNames()).toEqual(['Sheet1']);
    expect(await sidebar.locator('#banner').isHidden()).toBe(true);

    // Fixing one field clears its message alone.
    await field('win_rate').fill('30');
    await eventuallyText(errorOf('win_rate'), '');
    expect(await errorOf('kgi').textContent()).toBe(t.errors.kgi);
  });

  it('shows beside a percent field what a fraction typed there was read as', async () => {
    await validPlan();
    const note = sidebar.locator('#f-new_business-deal_rate-note');
    await field('deal_rate').fill('0.3');
    await eventuallyText(note, t.note);
    expect(await note.isVisible()).toBe(true);
    await field('deal_rate').fill('30');
    await eventuallyText(note, '');
    await field('deal_rate').fill('20');
  });

  it('builds nothing on Enter in a field; Build builds, and asks before a second tree', async () => {
    await validPlan();
    await field('kgi').press('Enter');
    await sidebar.locator('#fiscal-year').press('Enter');
    // Whatever Enter could have started has had time to reach the server.
    await page.waitForTimeout(500);
    expect(preview.workbook.sheetNames()).toEqual(['Sheet1']);
    expect(await sidebar.locator('#result').isHidden()).toBe(true);

    await sidebar.locator('#build').click();
    await eventuallyText(sidebar.locator('#result-name'), t.built);
    expect(preview.workbook.sheetNames()).toEqual(['Sheet1', t.built]);

    await field('kgi').press('Enter');
    await page.waitForTimeout(300);
    expect(await sidebar.locator('#exists').isHidden()).toBe(true);
    await sidebar.locator('#build').click();
    await eventuallyText(sidebar.locator('#exists p'), t.exists);
    expect(preview.workbook.sheetNames()).toEqual(['Sheet1', t.built]);
    await field('kgi').fill('10億');
    expect(await sidebar.locator('#exists').isHidden()).toBe(true);
  });

  it('keeps the tree’s labels in the tree’s language while the sidebar speaks the person’s, and says which', async () => {
    await sidebar.locator('#nav-status').click();
    await sidebar.locator('#tree').selectOption(t.built);
    await sidebar.locator('#whatif:not([hidden])').waitFor();
    await sidebar.locator('#lang').selectOption(t.other);
    await eventuallyText(sidebar.locator('h1'), t.otherTitle);
    await eventuallyText(sidebar.locator('#tree-lang'), t.sheetIn);
    await sidebar.locator('#whatif summary').click();
    await eventuallyText(sidebar.locator('label[for="w-win_rate"]'), t.winRate);

    // The what-if's terms keep their words whole: none takes more than two lines at 300 px.
    await sidebar.locator('#w-kgi').fill('15億');
    await sidebar.locator('#w-need-orders').waitFor();
    const lines = await sidebar
      .locator('#whatif-out dt')
      .evaluateAll((terms) =>
        terms.map((term) => term.getBoundingClientRect().height / Number.parseFloat(getComputedStyle(term).lineHeight)),
      );
    expect(lines.length).toBeGreaterThan(4);
    expect(Math.max(...lines)).toBeLessThanOrEqual(2.05);
  });

  it('offers the KPI group that fits the tree first, shows the target’s unit, and clears a fixed error', async () => {
    await sidebar.locator('#add-kpi summary').click();
    await eventually(
      () => sidebar.locator('#kpi-group option').first().textContent(),
      (value) => expect(value).toBe(t.group),
    );
    // The sidebar now speaks the other language: the unit is said in it.
    expect(await sidebar.locator('#kpi-plan-unit').textContent()).toBe(t.unit);
    await sidebar.locator('#kpi-plan').fill('abc');
    await sidebar.locator('#kpi-add').click();
    await eventuallyText(sidebar.locator('#kpi-plan-err'), t.kpiPlanError);
    await sidebar.locator('#kpi-plan').fill('30');
    await eventuallyText(sidebar.locator('#kpi-plan-err'), '');
    expect(preview.workbook.sheetNames()).toEqual(['Sheet1', t.built]);
  });

  it('adds a KPI one names, measured as a rate: its target typed in %, held each month', async () => {
    await sidebar.locator('#kpi-pick').selectOption('__custom');
    await sidebar.locator('#kpi-custom').fill('Demo-to-trial rate');
    expect(await sidebar.locator('#kpi-plan-unit').textContent()).not.toBe('%');
    await sidebar.locator('#kpi-measure').selectOption('rate');
    expect(await sidebar.locator('#kpi-plan-label').textContent()).toBe(t.levelTarget);
    expect(await sidebar.locator('#kpi-plan-unit').textContent()).toBe('%');
    await sidebar.locator('#kpi-plan').fill('40');
    await sidebar.locator('#kpi-add').click();
    // 40% in every month's plan, not 40 spread over the year.
    await eventually(
      async () => [
        nodeValue(preview.workbook.view(t.built), 'kpi_1', 'plan_1'),
        nodeValue(preview.workbook.view(t.built), 'kpi_1', 'plan_12'),
      ],
      (value) => expect(value).toEqual([0.4, 0.4]),
    );
  });

  it('opens in the language the person chose last, whatever the spreadsheet’s locale', async () => {
    await page.reload();
    const frame = page.frameLocator('#sidebar');
    await frame.locator('html[data-ready]').waitFor();
    await eventuallyText(frame.locator('h1'), t.otherTitle);
    expect(await frame.locator('#lang').inputValue()).toBe(t.other);
  });
});
