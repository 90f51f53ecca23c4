/**
 * The add-on as a planner meets it, in a real browser: the built sidebar beside the preview's
 * spreadsheet, calling the real server code over the google.script.run shim.
 */
import { APRIL_ACTUALS, cellOf, gridCell, selectedTab, typeInto } from '../../build/preview/drive.mjs';
import type { SheetView } from '../../build/sheets/memoryWorkbook';
import { ROW, SETTINGS } from '../../src/core/sheet/schema';
import { eventually, eventuallyInnerText, eventuallyReads, eventuallyText } from './support/eventually';
import { nodeCell, showTab } from './support/grid';
import { page, preview, sidebar, unlabelledControls, usePreview } from './support/preview';

const INJECTION = '<img src=x onerror=alert(1)>';

const dialogs: string[] = [];
const requests: string[] = [];

// April to June are closed months.
usePreview((opened) => {
  opened.on('request', (request) => requests.push(request.url()));
  opened.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

/** The sheet the grid shows, from the same view the grid draws. */
async function activeView(): Promise<SheetView> {
  return preview.workbook.view((await selectedTab(page)) ?? '');
}

/** Types into a node's cell of the sheet the grid shows, and waits for the grid to redraw it. */
async function typeIntoNode(nodeId: string, columnKey: string, text: string): Promise<void> {
  const at = cellOf(await activeView(), nodeId, columnKey);
  await typeInto(page, at, text);
  await eventually(
    () => gridCell(page, at).textContent(),
    (value) => expect(value).not.toBe(''),
  );
}

/** Node ids of the rows the grid paints in the bottleneck colour (#f4c7c3), as drawn. */
async function bottleneckRows(): Promise<string[]> {
  const rows = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLTableCellElement>('#grid td')]
      .filter((cell) => getComputedStyle(cell).backgroundColor === 'rgb(244, 199, 195)')
      .map((cell) => Number(cell.dataset.row)),
  );
  const view = await activeView();
  return [...new Set(rows)].map((row) => String(view.rows[row - 1][0].value));
}

describe('the sidebar beside the preview spreadsheet', () => {
  it('labels every control and fetches nothing from outside (no web fonts: it works offline)', async () => {
    expect(await unlabelledControls(sidebar)).toEqual([]);
    expect(requests.filter((url) => !url.startsWith(preview.url))).toEqual([]);
  });

  it('reverse-calculates live as the planner types the KGI', async () => {
    await sidebar.locator('label[for="tpl-new_business"]').click();
    await sidebar.locator('#f-new_business-kgi').fill('10億');
    const needed = sidebar.locator('#needed');
    await eventuallyInnerText(needed, /Orders\s+500\s+Deals\s+1,667\s+New leads\s+8,335\s+Visits\s+33,340/);
    await sidebar.locator('#f-new_business-kgi').fill('¥1bn');
    await eventuallyInnerText(needed, /Deals\s+1,667/);
    await eventually(
      () => sidebar.locator('#live-diagram').textContent(),
      (value) => expect(value).toContain('8,335'),
    );
  });

  it('shows bad input beside its field, in the chosen language', async () => {
    const kgi = sidebar.locator('#f-new_business-kgi');
    await kgi.fill('abc');
    await eventuallyText(
      sidebar.locator('#f-new_business-kgi-err'),
      'The KGI must be an amount of money such as 10億 or 1,000,000,000; you typed “abc”.',
    );
    expect(await kgi.getAttribute('aria-invalid')).toBe('true');
    await kgi.fill('10億');

    const winRate = sidebar.locator('#f-new_business-win_rate');
    const winRateError = sidebar.locator('#f-new_business-win_rate-err');
    await winRate.fill('0');
    await eventuallyText(winRateError, 'Win rate must be more than 0% and at most 100%; you typed 0%.');
    await sidebar.locator('#lang').selectOption('ja');
    await eventuallyText(winRateError, '受注率は 0% より大きく 100% 以下にしてください（入力: 0%）。');
    await eventuallyText(sidebar.locator('h1'), 'KPIツリー');

    // Building with the error left in place goes nowhere but to the field.
    await sidebar.locator('#build').click();
    await eventuallyReads(() => winRate.evaluate((el) => el === document.activeElement), true);
    expect(preview.workbook.sheetNames()).toEqual(['Sheet1']);

    await winRate.fill('30');
    await sidebar.locator('#lang').selectOption('en');
    await eventuallyText(winRateError, '');

    // The server's own checks come back the same way: beside the field, never as a trace.
    await sidebar.locator('#fiscal-year').fill('1800');
    await sidebar.locator('#build').click();
    await eventuallyText(sidebar.locator('#fiscal-year-err'), /a year such as/);
    expect(await sidebar.locator('#banner').isHidden()).toBe(true);
    expect(preview.workbook.sheetNames()).toEqual(['Sheet1']);
  });

  it('moves between templates with the arrow keys, as radio buttons do', async () => {
    await sidebar.locator('#tpl-new_business').focus();
    await page.keyboard.press('ArrowDown');
    await eventuallyReads(() => sidebar.locator('#values-account_sales').isVisible(), true);
    await page.keyboard.press('ArrowUp');
    await eventuallyReads(() => sidebar.locator('#values-new_business').isVisible(), true);
    expect(await sidebar.locator('#f-new_business-kgi').inputValue()).toBe('10億');
  });

  it('builds the tree sheet and the grid shows its figures', async () => {
    await sidebar.locator('#fiscal-year').fill('2025');
    await sidebar.locator('#build').click();
    await sidebar.locator('#result:not([hidden])').waitFor();
    await eventually(
      () => selectedTab(page),
      (value) => expect(value).not.toBe('Sheet1'),
    );
    const annual = async (id: string) => nodeCell(page, await activeView(), id, 'annual').textContent();
    expect(await annual('orders')).toBe('500');
    expect(await annual('deals')).toBe('1,667');
    expect(await annual('leads')).toBe('8,335');
    expect(await annual('revenue')).toBe('¥1,000,000,000');

    // "Open the sheet" brings the tree back after the planner wandered off to another tab.
    const tree = await selectedTab(page);
    await showTab(page, 'Sheet1');
    await sidebar.locator('#open-sheet').click();
    await eventuallyReads(() => selectedTab(page), tree);
  });

  it('moves the bottleneck colour as actuals come in', async () => {
    // The sheet's period selector (settings row, beside "Period") on April alone.
    const period = { row: ROW.settings, column: SETTINGS.period };
    await typeInto(page, period, '2025-04');
    await eventuallyText(gridCell(page, period), '2025-04');

    // April: deal rate at half its plan (70 deals from 700 leads), every other rate on plan.
    for (const [id, actual] of APRIL_ACTUALS) await typeIntoNode(id, 'actual_1', actual);
    await eventually(bottleneckRows, (value) => expect(value).toEqual(['deal_rate']));

    // Deals recover; the same orders now mean a win rate at half its plan.
    await typeIntoNode('deals', 'actual_1', '139');
    await eventually(bottleneckRows, (value) => expect(value).toEqual(['win_rate']));
  });

  it('tells where the plan is breaking after the build, and refreshes', async () => {
    await sidebar.locator('#nav-status').click();
    await sidebar.locator('#refresh').click();
    await eventuallyInnerText(sidebar.locator('#bottleneck'), /Win rate[\s\S]*Achievement\s+50(\.\d)?%/);
    await eventuallyInnerText(sidebar.locator('#missing'), /Deals[^\n]*2025-05, 2025-06/);
  });

  it('shows text typed by people as text, in the grid and in the sidebar', async () => {
    await typeIntoNode('deals', 'owner', INJECTION);
    expect(await nodeCell(page, await activeView(), 'deals', 'owner').textContent()).toBe(INJECTION);
    expect(await page.locator('#grid img').count()).toBe(0);

    await sidebar.locator('#refresh').click();
    await eventually(
      () => sidebar.locator('#missing').textContent(),
      (value) => expect(value).toContain(INJECTION),
    );
    expect(await sidebar.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });
});
