/**
 * The add-on as a planner meets it, in a real browser: the built sidebar beside the preview's
 * spreadsheet, calling the real server code over the google.script.run shim.
 */
import type { Browser, FrameLocator, Page } from 'playwright-core';
import type { Preview } from '../../build/preview/server';
import type { SheetView } from '../../build/sheets/memoryWorkbook';
import { eventually } from './support/eventually';
import { openPreview } from './support/preview';

const INJECTION = '<img src=x onerror=alert(1)>';

let preview: Preview;
let browser: Browser;
let page: Page;
let sidebar: FrameLocator;
const dialogs: string[] = [];
const requests: string[] = [];

beforeAll(async () => {
  // April to June are closed months.
  ({ preview, browser, page, sidebar } = await openPreview((opened) => {
    opened.on('request', (request) => requests.push(request.url()));
    opened.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }));
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

/** The sheet the grid shows, from the same view the grid draws. */
async function activeView(): Promise<SheetView> {
  const name = await page.locator('#tabs [aria-selected="true"]').textContent();
  return preview.workbook.view(name ?? '');
}

/** Grid coordinates of a node's cell, by the sheet's hidden key row and key column. */
async function cellOf(nodeId: string, columnKey: string): Promise<{ row: number; column: number }> {
  const view = await activeView();
  const keyRow = view.rows.find((cells) => cells[0]?.value === '@key');
  const column = (keyRow?.findIndex((c) => c.value === columnKey) ?? -1) + 1;
  const row = view.rows.findIndex((cells) => cells[0]?.value === nodeId) + 1;
  if (row === 0 || column === 0) throw new Error(`No cell for ${nodeId}/${columnKey}`);
  return { row, column };
}

const td = ({ row, column }: { row: number; column: number }) => page.locator(`#grid td[data-row="${row}"][data-col="${column}"]`);

/** As a person does in Sheets: select the cell, type, press Enter. */
async function typeInto(nodeId: string, columnKey: string, text: string): Promise<void> {
  const cell = td(await cellOf(nodeId, columnKey));
  await cell.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await eventually(
    () => cell.textContent(),
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
    const unlabelled = await sidebar
      .locator('input, select, textarea')
      .evaluateAll((controls) => controls.filter((c) => (c as HTMLInputElement).labels?.length === 0).map((c) => c.id || c.outerHTML));
    expect(unlabelled).toEqual([]);
    expect(requests.filter((url) => !url.startsWith(preview.url))).toEqual([]);
  });

  it('reverse-calculates live as the planner types the KGI', async () => {
    await sidebar.locator('label[for="tpl-new_business"]').click();
    await sidebar.locator('#f-new_business-kgi').fill('10億');
    const needed = sidebar.locator('#needed');
    await eventually(
      () => needed.innerText(),
      (value) => expect(value).toMatch(/Orders\s+500\s+Deals\s+1,667\s+New leads\s+8,335\s+Visits\s+33,340/),
    );
    await sidebar.locator('#f-new_business-kgi').fill('¥1bn');
    await eventually(
      () => needed.innerText(),
      (value) => expect(value).toMatch(/Deals\s+1,667/),
    );
    await eventually(
      () => sidebar.locator('#live-diagram').textContent(),
      (value) => expect(value).toContain('8,335'),
    );
  });

  it('shows bad input beside its field, in the chosen language', async () => {
    const kgi = sidebar.locator('#f-new_business-kgi');
    await kgi.fill('abc');
    await eventually(
      () => sidebar.locator('#f-new_business-kgi-err').textContent(),
      (value) => expect(value).toMatch(/Type a number/),
    );
    expect(await kgi.getAttribute('aria-invalid')).toBe('true');
    await kgi.fill('10億');

    const winRate = sidebar.locator('#f-new_business-win_rate');
    await winRate.fill('0');
    await eventually(
      () => sidebar.locator('#f-new_business-win_rate-err').textContent(),
      (value) => expect(value).toMatch(/greater than 0/),
    );
    await sidebar.locator('#lang').selectOption('ja');
    await eventually(
      () => sidebar.locator('#f-new_business-win_rate-err').textContent(),
      (value) => expect(value).toMatch(/0 より大きい/),
    );
    await eventually(
      () => sidebar.locator('h1').textContent(),
      (value) => expect(value).toBe('KPIツリー'),
    );

    // Building with the error left in place goes nowhere but to the field.
    await sidebar.locator('#build').click();
    await eventually(
      () => sidebar.locator('#f-new_business-win_rate').evaluate((el) => el === document.activeElement),
      (value) => expect(value).toBe(true),
    );
    expect(preview.workbook.sheetNames()).toEqual(['Sheet1']);

    await winRate.fill('30');
    await sidebar.locator('#lang').selectOption('en');
    await eventually(
      () => sidebar.locator('#f-new_business-win_rate-err').textContent(),
      (value) => expect(value).toBe(''),
    );

    // The server's own checks come back the same way: beside the field, never as a trace.
    await sidebar.locator('#fiscal-year').fill('1800');
    await sidebar.locator('#build').click();
    await eventually(
      () => sidebar.locator('#fiscal-year-err').textContent(),
      (value) => expect(value).toMatch(/a year such as/),
    );
    expect(await sidebar.locator('#banner').isHidden()).toBe(true);
    expect(preview.workbook.sheetNames()).toEqual(['Sheet1']);
  });

  it('moves between templates with the arrow keys, as radio buttons do', async () => {
    await sidebar.locator('#tpl-new_business').focus();
    await page.keyboard.press('ArrowDown');
    await eventually(
      () => sidebar.locator('#values-account_sales').isVisible(),
      (value) => expect(value).toBe(true),
    );
    await page.keyboard.press('ArrowUp');
    await eventually(
      () => sidebar.locator('#values-new_business').isVisible(),
      (value) => expect(value).toBe(true),
    );
    expect(await sidebar.locator('#f-new_business-kgi').inputValue()).toBe('10億');
  });

  it('builds the tree sheet and the grid shows its figures', async () => {
    await sidebar.locator('#fiscal-year').fill('2025');
    await sidebar.locator('#build').click();
    await sidebar.locator('#result:not([hidden])').waitFor();
    await eventually(
      () => page.locator('#tabs [aria-selected="true"]').textContent(),
      (value) => expect(value).not.toBe('Sheet1'),
    );
    const annual = async (id: string) => td(await cellOf(id, 'annual')).textContent();
    expect(await annual('orders')).toBe('500');
    expect(await annual('deals')).toBe('1,667');
    expect(await annual('leads')).toBe('8,335');
    expect(await annual('revenue')).toBe('¥1,000,000,000');

    // "Open the sheet" brings the tree back after the planner wandered off to another tab.
    const tree = await page.locator('#tabs [aria-selected="true"]').textContent();
    await page.locator('#tabs button', { hasText: 'Sheet1' }).click();
    await sidebar.locator('#open-sheet').click();
    await eventually(
      () => page.locator('#tabs [aria-selected="true"]').textContent(),
      (value) => expect(value).toBe(tree),
    );
  });

  it('moves the bottleneck colour as actuals come in', async () => {
    // The sheet's period selector (settings row, beside "Period") on April alone.
    const period = td({ row: 2, column: 9 });
    await period.click();
    await page.keyboard.type('2025-04');
    await page.keyboard.press('Enter');
    await eventually(
      () => period.textContent(),
      (value) => expect(value).toBe('2025-04'),
    );

    // April: deal rate at half its plan (70 deals from 700 leads), every other rate on plan.
    for (const [id, actual] of [
      ['visits', '2800'],
      ['leads', '700'],
      ['deals', '70'],
      ['orders', '21'],
      ['revenue', '42000000'],
    ]) {
      await typeInto(id, 'actual_1', actual);
    }
    await eventually(bottleneckRows, (value) => expect(value).toEqual(['deal_rate']));

    // Deals recover; the same orders now mean a win rate at half its plan.
    await typeInto('deals', 'actual_1', '139');
    await eventually(bottleneckRows, (value) => expect(value).toEqual(['win_rate']));
  });

  it('tells where the plan is breaking after the build, and refreshes', async () => {
    await sidebar.locator('#nav-status').click();
    await sidebar.locator('#refresh').click();
    await eventually(
      () => sidebar.locator('#bottleneck').innerText(),
      (value) => expect(value).toMatch(/Win rate[\s\S]*Achievement\s+50(\.\d)?%/),
    );
    await eventually(
      () => sidebar.locator('#missing').innerText(),
      (value) => expect(value).toMatch(/Deals[^\n]*2025-05, 2025-06/),
    );
  });

  it('shows text typed by people as text, in the grid and in the sidebar', async () => {
    await typeInto('deals', 'owner', INJECTION);
    const owner = td(await cellOf('deals', 'owner'));
    expect(await owner.textContent()).toBe(INJECTION);
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
