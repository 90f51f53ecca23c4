/**
 * The tree sheet's first screen as a manager sees it on a 1366×768 laptop with the sidebar open:
 * about 1,000 px of grid (platform.md). In English and in Japanese, the period's plan and actual,
 * their judgement, what fixing the bottleneck recovers and the year's landing beside the annual
 * plan are on screen without scrolling; the month's actual inputs come next, headed by their block.
 */
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { launchChromium } from '../../build/chromium.mjs';
import {
  APRIL_ACTUALS,
  buildNewBusiness,
  cellOf,
  gridCell,
  MID_JULY_2025,
  openPage,
  selectedTab,
  typeInto,
} from '../../build/preview/drive.mjs';
import { type Preview, startPreview } from '../../build/preview/server';
import type { SheetView } from '../../build/sheets/memoryWorkbook';
import { ROW, SETTINGS } from '../../src/core/sheet/schema';
import { eventually, eventuallyReads, eventuallyText } from './support/eventually';

const LANGS = [
  {
    lang: 'en',
    headers: ['KPI', 'Plan (period)', 'Actual (period)', 'Achievement', 'Status', 'KGI recoverable', 'Landing forecast', 'Annual plan'],
    april: 'Apr actual',
    may: 'May actual',
    aprilPlan: 'Apr plan',
    landingGap: 'Landing vs KGI',
    bottleneck: '▼ Bottleneck',
    dealRate: 'Deal rate',
  },
  {
    lang: 'ja',
    headers: ['KPI', '計画（期間）', '実績（期間）', '達成率', '状態', '回復できるKGI', '着地予測', '年間計画'],
    april: '4月 実績',
    may: '5月 実績',
    aprilPlan: '4月 計画',
    landingGap: '着地とKGIの差異',
    bottleneck: '▼ ボトルネック',
    dealRate: '商談化率',
  },
] as const;

/** The grid's width beside the sidebar on a 1366×768 laptop: about 1,000 px. */
const GRID_PX = 1000;

describe.each(LANGS)('the first screen beside the sidebar ($lang)', (t) => {
  let preview: Preview;
  let browser: Browser;
  let page: Page;
  let sidebar: FrameLocator;

  beforeAll(async () => {
    preview = await startPreview({ root: `${__dirname}/../..`, port: 0, today: MID_JULY_2025 });
    browser = await launchChromium();
    // The preview's sidebar is 300 px: the grid gets the rest.
    ({ page, sidebar } = await openPage(browser, preview.url, { width: GRID_PX + 300, height: 768 }));
    await sidebar.locator('#lang').selectOption(t.lang);
    await buildNewBusiness(sidebar);
    const view = preview.workbook.view((await selectedTab(page)) ?? '');
    await typeInto(page, { row: ROW.settings, column: SETTINGS.period }, '2025-04');
    for (const [id, actual] of APRIL_ACTUALS) {
      const at = cellOf(view, id, 'actual_1');
      await typeInto(page, at, actual);
      await eventuallyReads(() => gridCell(page, at).textContent(), /\d/);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
  });

  const view = async (): Promise<SheetView> => preview.workbook.view((await selectedTab(page)) ?? '');
  /** Whether a cell of the grid lies wholly within the visible grid, unscrolled. */
  const onScreen = (row: number, column: number) =>
    page.evaluate(
      ([r, c]) => {
        const scroll = document.querySelector('.scroll') as HTMLElement;
        const cell = document.querySelector(`#grid td[data-row="${r}"][data-col="${c}"]`) as HTMLElement;
        const [box, frame] = [cell.getBoundingClientRect(), scroll.getBoundingClientRect()];
        return scroll.scrollLeft === 0 && box.left >= frame.left && box.right <= frame.left + scroll.clientWidth;
      },
      [row, column] as const,
    );

  /** Typing and clicking move the grid along: back to where the sheet opens. */
  const toSheetStart = () => page.locator('.scroll').evaluate((scroll) => scroll.scrollTo(0, 0));

  it('shows the period, its judgement and the landing beside the annual plan without scrolling', async () => {
    await toSheetStart();
    const sheet = await view();
    const keys = ['label', 'period_plan', 'period_actual', 'achievement', 'status', 'recoverable', 'forecast', 'annual'];
    const columns = keys.map((key) => cellOf(sheet, 'revenue', key).column);
    expect(await Promise.all(columns.map((column) => gridCell(page, { row: ROW.header, column }).textContent()))).toEqual(t.headers);
    for (const column of columns) expect([column, await onScreen(ROW.header, column)]).toEqual([column, true]);
    // The month being entered comes next, its header naming its block; May's is off screen.
    const april = cellOf(sheet, 'revenue', 'actual_1').column;
    expect(april).toBe(columns[columns.length - 1] + 1);
    await eventuallyText(gridCell(page, { row: ROW.header, column: april }), t.april);
    await eventuallyText(gridCell(page, { row: ROW.header, column: april + 1 }), t.may);
    expect(await onScreen(ROW.header, april + 1)).toBe(false);
  });

  it('groups the monthly plans, headed by their block, in columns a person collapses', async () => {
    const sheet = await view();
    const plans = Array.from({ length: 12 }, (_, m) => cellOf(sheet, 'revenue', `plan_${m + 1}`).column);
    const header = (column: number) => gridCell(page, { row: ROW.header, column });
    await eventuallyText(header(plans[0]), t.aprilPlan);
    const toggle = page.getByRole('button', { name: /^Collapse columns/ });
    await toggle.click();
    await eventually(
      () => header(plans[0]).count(),
      (count) => expect(count).toBe(0),
    );
    expect(await header(plans[11]).count()).toBe(0);
    // The other columns stay: the owner's, and the planned values.
    expect(await header(cellOf(sheet, 'revenue', 'owner').column).count()).toBe(1);
    await page.getByRole('button', { name: /^Expand columns/ }).click();
    await eventuallyText(header(plans[0]), t.aprilPlan);
  });

  it('shows the bottleneck with its target and actual, and the year’s landing against the KGI', async () => {
    await toSheetStart();
    const sheet = await view();
    const dealRate = (key: string) => gridCell(page, cellOf(sheet, 'deal_rate', key));
    await eventuallyText(dealRate('status'), t.bottleneck);
    // April: 70 deals of 700 leads is 10% against a 20% plan.
    expect(await dealRate('label').textContent()).toBe(t.dealRate);
    expect(await dealRate('period_plan').textContent()).toBe('20.0%');
    expect(await dealRate('period_actual').textContent()).toBe('10.0%');
    const red = await dealRate('label').evaluate((cell) => getComputedStyle(cell).backgroundColor);
    expect(red).toBe('rgb(244, 199, 195)');
    for (const key of ['period_plan', 'period_actual', 'status', 'recoverable']) {
      const { row, column } = cellOf(sheet, 'deal_rate', key);
      expect([key, await onScreen(row, column)]).toEqual([key, true]);
    }
    // Row 3: the landing's gap to the KGI, beside its label, on screen: April's ¥42m against
    // ¥83,333,333 planned lands ¥41,333,333 short of the ¥1bn KGI.
    const summary = sheet.rows[ROW.summary - 1];
    const label = summary.findIndex((cell) => cell.display === t.landingGap) + 1;
    await eventuallyText(gridCell(page, { row: ROW.summary, column: label + 1 }), '-¥41,333,333');
    expect(await onScreen(ROW.summary, label + 1)).toBe(true);
    await eventually(
      () => gridCell(page, { row: ROW.summary, column: label }).textContent(),
      (text) => expect(text).toBe(t.landingGap),
    );
  });
});
