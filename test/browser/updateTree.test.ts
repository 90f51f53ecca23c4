/**
 * Changing a tree in place from the sidebar, in English and in Japanese: "Update this tree"
 * keeps the sheet and what people typed into it; building the same template again asks first;
 * starting next year's tree a second time opens the one made the first time.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildNewBusiness, cellOf, selectedTab, typeInto } from '../../build/preview/drive.mjs';
import { RPC_ERROR_MARKER } from '../../src/rpc';
import { eventually, eventuallyReads, eventuallyText, eventuallyValue } from './support/eventually';
import { nodeCell, nodeValue, showTab } from './support/grid';
import { browser, openSidebarAlone, page, preview, sidebar, unlabelledControls, usePreview } from './support/preview';

const LANGS = [
  {
    lang: 'en',
    tree: 'New business',
    nextYear: 'New business FY2026',
    kgi: '2,000,000,000',
    updated: 'Updated in place: New business',
    exists: 'A tree of this template exists: New business',
    updatedLabel: 'Updated in place:',
    start: 'Start next year’s tree',
    open: 'Open next year’s tree',
    created: 'Created:',
    opened: 'Opened:',
    badYear: /a year such as 2026/,
  },
  {
    lang: 'ja',
    tree: '新規開拓営業',
    nextYear: '新規開拓営業 2026年度',
    kgi: '20億',
    updated: '新規開拓営業 を更新しました',
    exists: 'このテンプレートのツリーがあります: 新規開拓営業',
    updatedLabel: '同じシートを更新しました:',
    start: '次年度のツリーを作成',
    open: '次年度のツリーを開く',
    created: '作成しました:',
    opened: '開きました:',
    badYear: /2026 のような西暦/,
  },
] as const;

describe.each(LANGS)('changing a tree in place ($lang)', (t) => {
  usePreview();

  beforeAll(async () => {
    await sidebar.locator('#lang').selectOption(t.lang);
    await buildNewBusiness(sidebar);
    await eventuallyText(sidebar.locator('#result-name'), t.tree);
    await eventuallyReads(currentTab, t.tree);
  });

  const currentTab = () => selectedTab(page);
  const tabNames = () => page.locator('#tabs button').allTextContents();
  const line = async (label: string, name: string) =>
    `${await sidebar.locator(label).textContent()} ${await sidebar.locator(name).textContent()}`;
  const resultLine = () => line('#result-text', '#result-name');
  const rolloverLine = () => line('#rollover-text', '#rollover-name');

  /** What the grid shows in a node's cell of the tree sheet (the grid must be on it). */
  const shown = (nodeId: string, columnKey: string) => nodeCell(page, preview.workbook.view(t.tree), nodeId, columnKey).textContent();
  /** April's Deals as the workbook holds it. */
  const typedActual = () => nodeValue(preview.workbook.view(t.tree), 'deals', 'actual_1');

  it('updates the KGI and a rate in the same sheet, keeping an actual typed into it', async () => {
    // As a person does in Sheets: select April's Deals cell, type, press Enter.
    await typeInto(page, cellOf(preview.workbook.view(t.tree), 'deals', 'actual_1'), '70');
    await eventuallyReads(async () => typedActual(), 70);
    const tabs = await tabNames();

    await sidebar.locator('#nav-status').click();
    await sidebar.locator('#update summary').click();
    // Prefilled from the sheet.
    const kgi = sidebar.locator('#u-kgi');
    const winRate = sidebar.locator('#u-win_rate');
    await eventuallyValue(kgi, '1,000,000,000');
    expect(await winRate.inputValue()).toBe('30');
    expect(await sidebar.locator('#u-season-even').isChecked()).toBe(true);
    expect(await sidebar.locator('#u-weights').isDisabled()).toBe(true);
    expect(await sidebar.locator('#u-lang').inputValue()).toBe(t.lang);

    // A rate out of range is said beside its field before anything is sent.
    await winRate.fill('130');
    await eventually(
      () => sidebar.locator('#u-win_rate-err').textContent(),
      (value) => expect(value).not.toBe(''),
    );
    expect(await winRate.getAttribute('aria-invalid')).toBe('true');

    await kgi.fill(t.kgi);
    await winRate.fill('25');
    expect(await sidebar.locator('#u-win_rate-err').textContent()).toBe('');
    await sidebar.locator('#update-apply').click();
    await eventuallyText(sidebar.locator('#update-result'), t.updated);

    // The same sheet (no new tab), the actual as typed, the annual plan from the new values.
    expect(await tabNames()).toEqual(tabs);
    expect(preview.workbook.sheetNames()).toEqual(tabs);
    await eventuallyReads(currentTab, t.tree);
    expect(typedActual()).toBe(70);
    await eventuallyReads(() => shown('deals', 'annual'), '4,000');
    expect(await shown('orders', 'annual')).toBe('1,000');
    expect(await shown('deals', 'actual_1')).toBe('70');
    // The form starts again from what the sheet now holds.
    await eventuallyValue(kgi, '2,000,000,000');
    expect(await winRate.inputValue()).toBe('25');
  });

  it('shows a refusal of the server beside the field it names', async () => {
    const text = { en: 'The weights were refused.', ja: '季節指数が受け付けられませんでした。' };
    await page.route(
      '**/rpc/updateTree',
      (route) =>
        route.fulfill({
          json: { ok: false, message: RPC_ERROR_MARKER + JSON.stringify({ text, field: 'seasonality' }) },
        }),
      { times: 1 },
    );
    await sidebar.locator('#u-season-weights').check();
    await sidebar.locator('#u-weights').fill('8 8 9 8 7 10 8 8 9 8 7 10');
    await sidebar.locator('#update-apply').click();
    await eventuallyText(sidebar.locator('#u-weights-err'), text[t.lang]);
    expect(await sidebar.locator('#u-weights').getAttribute('aria-invalid')).toBe('true');
    expect(await sidebar.locator('#banner').isHidden()).toBe(true);
    await sidebar.locator('#u-season-even').check();
  });

  it('asks when the template is built again, and "Update it" changes that tree in place', async () => {
    const tabs = await tabNames();
    await sidebar.locator('#nav-new').click();
    // A year the server refuses: its refusal comes back beside the field, nothing changes.
    await sidebar.locator('#fiscal-year').fill('1800');
    await sidebar.locator('#build').click();
    await eventuallyText(sidebar.locator('#exists p'), t.exists);
    await eventuallyReads(() => sidebar.locator('#exists-update').evaluate((el) => el === document.activeElement), true);
    await sidebar.locator('#exists-update').click();
    await eventuallyText(sidebar.locator('#fiscal-year-err'), t.badYear);
    expect(await sidebar.locator('#exists').isHidden()).toBe(true);

    // Editing the form withdraws the question; building asks again.
    await sidebar.locator('#fiscal-year').fill('2025');
    await sidebar.locator('#build').click();
    await sidebar.locator('#exists:not([hidden])').waitFor();
    await sidebar.locator('#f-new_business-kgi').fill('10億');
    expect(await sidebar.locator('#exists').isHidden()).toBe(true);
    await sidebar.locator('#build').click();
    await sidebar.locator('#exists-update').click();
    await eventuallyReads(resultLine, `${t.updatedLabel} ${t.tree}`);

    expect(await tabNames()).toEqual(tabs);
    await showTab(page, t.tree);
    await eventuallyReads(() => shown('deals', 'annual'), '1,667');
    expect(typedActual()).toBe(70);
  });

  it('starts a second tree when asked to', async () => {
    const tabs = await tabNames();
    await sidebar.locator('#build').click();
    await sidebar.locator('#exists-new').click();
    await eventuallyText(sidebar.locator('#result-name'), `${t.tree} (2)`);
    await eventually(tabNames, (value) => expect(value).toEqual([...tabs, `${t.tree} (2)`]));
    expect(typedActual()).toBe(70);
  });

  it('opens next year’s tree the second time rather than making another', async () => {
    await sidebar.locator('#nav-status').click();
    await sidebar.locator('#tree').selectOption(t.tree);
    await sidebar.locator('#next-year summary').click();
    const rollover = sidebar.locator('#rollover');
    await eventuallyText(rollover, t.start);
    const tabs = await tabNames();

    await rollover.click();
    await eventuallyReads(rolloverLine, `${t.created} ${t.nextYear}`);
    await eventually(tabNames, (value) => expect(value).toEqual([...tabs, t.nextYear]));
    await eventuallyText(rollover, t.open);

    await showTab(page, t.tree);
    await rollover.click();
    await eventuallyReads(rolloverLine, `${t.opened} ${t.nextYear}`);
    await eventuallyReads(currentTab, t.nextYear);
    expect(await tabNames()).toEqual([...tabs, t.nextYear]);
    expect(preview.workbook.sheetNames()).toEqual([...tabs, t.nextYear]);
  });

  it('fits the update section in a 300 px sidebar, every control labelled', async () => {
    const narrow = await browser.newPage({ viewport: { width: 300, height: 900 } });
    try {
      await openSidebarAlone(narrow, preview, 'status');
      await narrow.locator('#lang').selectOption(t.lang);
      await narrow.locator('#tree').selectOption(t.tree);
      await narrow.locator('#update summary').click();
      await eventuallyValue(narrow.locator('#u-kgi'), '1,000,000,000');
      await narrow.locator('#u-season-weights').check();
      // The whole width of the sidebar, from the section's top to its bottom.
      const box = await narrow.locator('#update').evaluate((el) => {
        const { top, height } = el.getBoundingClientRect();
        return { top: top + window.scrollY, height };
      });
      const clip = { x: 0, y: box.top - 8, width: 300, height: box.height + 16 };
      await narrow.screenshot({ path: join(tmpdir(), `update-${t.lang}.png`), fullPage: true, clip });

      const overflowing = await narrow
        .locator('#update *')
        .evaluateAll((nodes) =>
          nodes
            .filter((node) => node.getBoundingClientRect().right > document.documentElement.clientWidth)
            .map((node) => node.id || node.outerHTML.slice(0, 80)),
        );
      expect(overflowing).toEqual([]);
      expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
      expect(await unlabelledControls(narrow)).toEqual([]);
    } finally {
      await narrow.close();
    }
  });
});
