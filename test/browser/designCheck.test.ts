/**
 * The design check as a planner meets it beside the preview's spreadsheet, in English and in
 * Japanese: a new tree passes but for its owners; naming an owner moves the row to fix on; a
 * planned rate cleared in the grid fails its targets and the coherence. Set DESIGN_SCREENSHOTS to
 * a folder to keep the 300 px sidebar's picture (design-en.png, design-ja.png) there.
 */
import { join } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { cellOf, gridCell, typeInto } from '../../build/preview/drive.mjs';
import type { Preview } from '../../build/preview/server';
import { eventually, eventuallyInnerText, eventuallyText } from './support/eventually';
import { openSidebarAlone, openWithTree } from './support/preview';

interface Case {
  readonly lang: 'en' | 'ja';
  readonly newTree: string;
  /** The first line (the failed checks come first): a mark, the check, the row to fix, why. */
  readonly owners: RegExp;
  readonly nextOwner: RegExp;
  readonly afterClear: string;
  readonly targets: RegExp;
  readonly coherence: RegExp;
  readonly passed: RegExp;
  readonly unknown: RegExp;
}

const CASES: readonly Case[] = [
  {
    lang: 'en',
    newTree: '8 of 10 passed',
    owners:
      /^✗\s*Every KPI has an owner\s+\(Not yet\)\s+Row to fix: Average deal size\s+"Average deal size", "Orders" and 7 more: no owner\. Name the person or team who moves it\.$/,
    nextOwner: /Row to fix: Orders\s+"Orders", "Win rate" and 6 more: no owner/,
    afterClear: '6 of 10 passed',
    targets:
      /^✗\s*Every KPI has a target\s+\(Not yet\)\s+Row to fix: Win rate\s+"Win rate", "Deals" and 2 more: no target\. Type the planned value\.$/,
    coherence:
      /^✗\s*The plan's activity reaches the KGI\s+\(Not yet\)\s+Row to fix: Revenue\s+The plan's activity cannot be multiplied forward: an input is missing\.$/,
    passed: /^✓\s*The KGI is a number with a deadline\s+\(Passed\)\s+Due by the end of 2026-03\.$/,
    unknown: /^–\s*Rates are realistic against last year's actuals\s+\(Cannot tell yet\)\s+No last year's actual rates to compare with/,
  },
  {
    lang: 'ja',
    newTree: '10 項目中 8 項目が合格',
    owners:
      /^✗\s*すべての KPI に担当者がいる\s+\(未達\)\s+直す行: 顧客単価\s+「顧客単価」「受注件数」ほか 7 件：担当者がいません。動かす人かチームを入力してください。$/,
    nextOwner: /直す行: 受注件数\s+「受注件数」「受注率」ほか 6 件：担当者がいません/,
    afterClear: '10 項目中 6 項目が合格',
    targets:
      /^✗\s*すべての KPI に目標値がある\s+\(未達\)\s+直す行: 受注率\s+「受注率」「商談数」ほか 2 件：目標値がありません。計画値を入力してください。$/,
    coherence: /^✗\s*計画の活動量で KGI に届く\s+\(未達\)\s+直す行: 売上\s+計画の活動量から順算できません。未入力の値があります。$/,
    passed: /^✓\s*KGI が数値と期限で決まっている\s+\(合格\)\s+期限は 2026-03 末です。$/,
    unknown: /^–\s*率の目標が前年実績から見て現実的\s+\(判定できません\)\s+比べる前年の実績率がありません/,
  },
];

describe.each(CASES)('the design check ($lang)', (c) => {
  let preview: Preview;
  let browser: Browser;
  let page: Page;
  let sidebar: FrameLocator;
  let tree = '';
  const checks = () => sidebar.locator('#design-checks li');
  const summary = () => sidebar.locator('#design-summary');

  beforeAll(async () => {
    ({ preview, browser, page, sidebar, tree } = await openWithTree(c.lang));
    await sidebar.locator('#nav-status').click();
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
  });

  it('shows a new tree passing but for its owners, the failed first, with the row to fix and why', async () => {
    await eventuallyText(summary(), c.newTree);
    await eventuallyInnerText(checks().first(), c.owners);
    expect(await checks().count()).toBe(10);
    expect(await sidebar.locator('#design-checks li.passed').count()).toBe(8);
    await eventuallyInnerText(sidebar.locator('#design-checks li.passed').first(), c.passed);
    await eventuallyInnerText(sidebar.locator('#design-checks li.unknown'), c.unknown);
  });

  it('moves the row to fix on once an owner is typed in the sheet and the status refreshes', async () => {
    const owner = cellOf(preview.workbook.view(tree), 'deal_size', 'owner');
    await gridCell(page, owner).click();
    await page.keyboard.press('F2');
    await page.keyboard.insertText(c.lang === 'en' ? 'Team West' : '西日本チーム');
    await page.keyboard.press('Enter');
    await eventually(
      () => gridCell(page, owner).textContent(),
      (value) => expect(value).not.toBe(''),
    );
    await sidebar.locator('#refresh').click();
    await eventuallyInnerText(checks().first(), c.nextOwner);
  });

  it('fails the targets and the coherence when a planned rate is cleared in the grid', async () => {
    const rate = cellOf(preview.workbook.view(tree), 'win_rate', 'plan_input');
    await gridCell(page, rate).click();
    await page.keyboard.press('F2');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    await eventuallyText(gridCell(page, rate), '');
    await sidebar.locator('#refresh').click();
    await eventuallyText(summary(), c.afterClear);
    const failed = sidebar.locator('#design-checks li.failed');
    await eventuallyInnerText(failed.filter({ hasText: /目標値がある|has a target/ }), c.targets);
    await eventuallyInnerText(failed.filter({ hasText: /KGI に届く|reaches the KGI/ }), c.coherence);
    // Typed back, it passes again.
    await typeInto(page, rate, '30%');
    await sidebar.locator('#refresh').click();
    await eventuallyText(summary(), c.newTree);
  });

  it('fits a 300 px sidebar and keeps labels as text', async () => {
    const alone = await browser.newPage({ viewport: { width: 300, height: 1400 } });
    await openSidebarAlone(alone, preview, 'status');
    await alone.locator('#lang').selectOption(c.lang);
    await eventuallyText(alone.locator('#design-summary'), c.newTree);
    expect(await alone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    expect(await alone.locator('#design img, #design script').count()).toBe(0);
    const folder = process.env.DESIGN_SCREENSHOTS;
    if (folder) await alone.locator('#design').screenshot({ path: join(folder, `design-${c.lang}.png`) });
    await alone.close();
  });
});
