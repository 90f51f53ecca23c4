/**
 * The bottleneck panel as a manager meets it, in a real browser beside the preview's
 * spreadsheet, in English and in Japanese: a quarter of actuals typed into the grid, and the
 * panel names the stage to fix, its actual → plan, the KGI it recovers and the year with and
 * without the fix; with an owner chosen, that owner's own bottleneck. Set PANEL_SCREENSHOTS to a
 * folder to keep the 300 px sidebar's picture (panel-en.png, panel-ja.png) there.
 */
import { join } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { cellOf, gridCell, typeInto } from '../../build/preview/drive.mjs';
import type { Preview } from '../../build/preview/server';
import { eventually, eventuallyInnerText, eventuallyText } from './support/eventually';
import { openSidebarAlone, openWithTree } from './support/preview';

/**
 * April to June for the new-business tree (¥1bn; deal size ¥2m, win rate 30%, deal rate 20%,
 * lead rate 25%): 2,100 leads from 8,400 visits (on plan), 304 deals (deal rate 14.5%), 91
 * orders (win rate 29.9%), ¥2m an order.
 *   deal rate: (0.2 × 2,100 − 304) = 116 deals × 91/304 × ¥2m = ¥69,447,368 recovered
 *   win rate:  (0.3 × 304 − 91) = 0.2 orders × ¥2m           =    ¥400,000
 *   landing: ¥182m entered + ¥750m planned for July to March  = ¥932,000,000, ¥68m short
 *   with the deal rate fixed: ¥1,001,447,368, ¥1,447,368 over; with the win rate: ¥932,400,000.
 */
const QUARTER: readonly (readonly [string, readonly string[]])[] = [
  ['visits', ['2800', '2800', '2800']],
  ['leads', ['700', '700', '700']],
  ['deals', ['100', '102', '102']],
  ['orders', ['30', '31', '30']],
  ['revenue', ['60000000', '62000000', '60000000']],
];

interface Case {
  readonly lang: 'en' | 'ja';
  readonly owner: string;
  /** The panel's texts, as laid out (innerText), in order. */
  readonly noActuals: RegExp;
  readonly bottleneck: RegExp;
  readonly underPlan: RegExp;
  readonly outcomes: RegExp;
  readonly ownersBottleneck: RegExp;
}

const CASES: readonly Case[] = [
  {
    lang: 'en',
    owner: 'Team West',
    noActuals: /Current bottleneck\s+No actuals for this period yet\./,
    bottleneck: new RegExp(
      [
        'Current bottleneck',
        'Deal rate',
        '14\\.5% → 20% Actual → plan',
        'Achievement\\s+72\\.4%',
        'KGI recoverable\\s+¥69,447,368',
        'This year',
        'Landing forecast\\s+¥932,000,000',
        'KGI \\(annual goal\\)\\s+¥1,000,000,000',
        'Gap to the KGI\\s+−¥68,000,000',
        'Landing with the fix\\s+¥1,001,447,368',
        'Gap with the fix\\s+\\+¥1,447,368',
        'With the fix: if Deal rate had been on plan in every month so far\\.',
      ].join('\\s+'),
    ),
    underPlan: /Also under plan\s+Win rate\s+Actual → plan\s+29\.9% → 30%\s+KGI recoverable\s+¥400,000$/,
    outcomes: /Outcomes under plan[\s\S]*Revenue: ¥182,000,000 → ¥250,000,000\s+Orders: 91 → 125\s+Deals: 304 → 417$/,
    ownersBottleneck: new RegExp(
      [
        'Bottleneck among Team West’s KPIs',
        'Win rate',
        '29\\.9% → 30% Actual → plan',
        'Achievement\\s+99\\.8%',
        'KGI recoverable\\s+¥400,000',
        '[\\s\\S]*Landing with the fix\\s+¥932,400,000',
        'Gap with the fix\\s+−¥67,600,000',
        'With the fix: if Win rate had been on plan in every month so far\\.',
      ].join('\\s+'),
    ),
  },
  {
    lang: 'ja',
    owner: '西日本チーム',
    noActuals: /現在のボトルネック\s+この期間の実績はまだありません。/,
    bottleneck: new RegExp(
      [
        '現在のボトルネック',
        '商談化率',
        '14\\.5% → 20% 実績 → 計画',
        '達成率\\s+72\\.4%',
        '回復できるKGI\\s+¥69,447,368',
        '今年度の見通し',
        '着地予測\\s+¥932,000,000',
        'KGI（年間目標）\\s+¥1,000,000,000',
        'KGIとの差異\\s+−¥68,000,000',
        '改善後の着地\\s+¥1,001,447,368',
        '改善後のKGIとの差異\\s+\\+¥1,447,368',
        '改善後: 今年度これまで商談化率が計画どおりだった場合。',
      ].join('\\s+'),
    ),
    underPlan: /その他の未達\s+受注率\s+実績 → 計画\s+29\.9% → 30%\s+回復できるKGI\s+¥400,000$/,
    outcomes: /未達の成果[\s\S]*売上: ¥182,000,000 → ¥250,000,000\s+受注件数: 91 → 125\s+商談数: 304 → 417$/,
    ownersBottleneck: new RegExp(
      [
        '西日本チーム のKPIのボトルネック',
        '受注率',
        '29\\.9% → 30% 実績 → 計画',
        '達成率\\s+99\\.8%',
        '回復できるKGI\\s+¥400,000',
        '[\\s\\S]*改善後の着地\\s+¥932,400,000',
        '改善後のKGIとの差異\\s+−¥67,600,000',
        '改善後: 今年度これまで受注率が計画どおりだった場合。',
      ].join('\\s+'),
    ),
  },
];

/** The border colour of the sidebar's red (--error, #d93025). */
const RED = 'rgb(217, 48, 37)';

describe.each(CASES)('the bottleneck panel ($lang)', (c) => {
  let preview: Preview;
  let browser: Browser;
  let page: Page;
  let sidebar: FrameLocator;
  let tree = '';

  beforeAll(async () => {
    ({ preview, browser, page, sidebar, tree } = await openWithTree(c.lang));
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
  });

  /**
   * Types into a node's cell of the tree's grid as a person does, and waits for the sheet to hold
   * it. Japanese comes through an input method, not key by key: the cell's editor is opened first
   * (F2), as a person does before composing.
   */
  async function type(nodeId: string, columnKey: string, text: string): Promise<void> {
    const at = cellOf(preview.workbook.view(tree), nodeId, columnKey);
    if (/^[\x20-\x7e]*$/.test(text)) await typeInto(page, at, text);
    else {
      await gridCell(page, at).click();
      await page.keyboard.press('F2');
      await page.keyboard.insertText(text);
      await page.keyboard.press('Enter');
    }
    await eventually(
      () => gridCell(page, at).textContent(),
      (value) => expect(value).not.toBe(''),
    );
  }

  it('says in a neutral panel that nothing is named before any actual', async () => {
    await sidebar.locator('#nav-status').click();
    const panel = sidebar.locator('#no-bottleneck');
    await eventuallyInnerText(panel, c.noActuals);
    expect(await panel.evaluate((node) => getComputedStyle(node).borderTopColor)).not.toBe(RED);
    expect(await sidebar.locator('#bottleneck').count()).toBe(0);
  });

  it('names the stage to fix, its actual → plan, the KGI it recovers and the year with and without the fix', async () => {
    for (const [nodeId, months] of QUARTER) {
      for (const [m, actual] of months.entries()) await type(nodeId, `actual_${m + 1}`, actual);
    }
    await sidebar.locator('#refresh').click();
    const panel = sidebar.locator('#bottleneck');
    await eventuallyInnerText(panel, c.bottleneck);
    expect(await panel.evaluate((node) => getComputedStyle(node).borderTopColor)).toBe(RED);
    expect(await sidebar.locator('#no-bottleneck').count()).toBe(0);
  });

  it('lists the other levers below it, and the outcomes apart as outcomes', async () => {
    await eventuallyInnerText(sidebar.locator('#under-plan'), c.underPlan);
    await eventuallyInnerText(sidebar.locator('#outcomes'), c.outcomes);
  });

  it('shows an owner’s rows and their own bottleneck', async () => {
    await type('win_rate', 'owner', c.owner);
    await sidebar.locator('#refresh').click();
    await eventually(
      () => sidebar.locator('#owner-filter option').allTextContents(),
      (owners) => expect(owners).toContain(c.owner),
    );
    await sidebar.locator('#owner-filter').selectOption(c.owner);
    await eventuallyInnerText(sidebar.locator('#bottleneck'), c.ownersBottleneck);
    // Their only lever is the bottleneck; the outcomes are nobody's.
    expect(await sidebar.locator('#under-plan').count()).toBe(0);
    expect(await sidebar.locator('#outcomes').count()).toBe(0);
    await sidebar.locator('#owner-filter').selectOption('');
    await eventuallyText(sidebar.locator('#bottleneck .stage'), c.lang === 'en' ? 'Deal rate' : '商談化率');
  });

  it('fits a 300 px sidebar, its figures text', async () => {
    const alone = await browser.newPage({ viewport: { width: 300, height: 900 } });
    await openSidebarAlone(alone, preview, 'status');
    await alone.locator('#lang').selectOption(c.lang);
    await eventuallyInnerText(alone.locator('#bottleneck'), c.bottleneck);
    expect(await alone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    expect(await alone.locator('#status img, #status script').count()).toBe(0);
    const folder = process.env.PANEL_SCREENSHOTS;
    if (folder) await alone.screenshot({ path: join(folder, `panel-${c.lang}.png`), fullPage: true });
    await alone.close();
  });
});
