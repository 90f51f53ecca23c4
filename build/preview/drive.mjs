// The preview driven in a browser as a person drives it, for the screenshot (docs/preview.png)
// and the browser tests: the page open with the sidebar ready, the new-business tree built from
// the sidebar, a node's cell of the grid found and typed into.

/** @typedef {import('playwright-core').Browser} Browser */
/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('playwright-core').FrameLocator} FrameLocator */
/** @typedef {import('playwright-core').Locator} Locator */
/** @typedef {import('../sheets/memoryWorkbook').SheetView} SheetView */
/** @typedef {{ row: number, column: number }} GridCell */

/** The preview's today: mid-July of FY2025 (April start), so April to June have ended. */
export const MID_JULY_2025 = () => new Date(2025, 6, 15);

/**
 * April's actuals for the new-business tree, by node id: the deal rate at half its plan (70 deals
 * from 700 leads), every other rate on plan.
 * @type {readonly (readonly [string, string])[]}
 */
export const APRIL_ACTUALS = [
  ['visits', '2800'],
  ['leads', '700'],
  ['deals', '70'],
  ['orders', '21'],
  ['revenue', '42000000'],
];

/**
 * Waits until the sidebar's page (the sidebar frame, or the sidebar opened on its own) is ready.
 * @param {Page | FrameLocator} sidebar
 */
export const sidebarReady = (sidebar) => sidebar.locator('html[data-ready]').waitFor();

/**
 * The preview at `url` in a new page of `browser`, the sidebar ready. `watch` sees the page
 * before it loads.
 * @param {Browser} browser
 * @param {string} url
 * @param {{ width: number, height: number }} viewport
 * @param {(page: Page) => void} [watch]
 * @returns {Promise<{ page: Page, sidebar: FrameLocator }>}
 */
export async function openPage(browser, url, viewport, watch = () => undefined) {
  const page = await browser.newPage({ viewport });
  watch(page);
  await page.goto(url);
  const sidebar = page.frameLocator('#sidebar');
  await sidebarReady(sidebar);
  return { page, sidebar };
}

/**
 * Builds the new-business tree for ¥1bn (10億) in FY2025 from the sidebar's form, and waits for
 * the sidebar to show the result.
 * @param {FrameLocator} sidebar
 */
export async function buildNewBusiness(sidebar) {
  await sidebar.locator('label[for="tpl-new_business"]').click();
  await sidebar.locator('#f-new_business-kgi').fill('10億');
  await sidebar.locator('#fiscal-year').fill('2025');
  await sidebar.locator('#build').click();
  await sidebar.locator('#result:not([hidden])').waitFor();
}

/**
 * The name of the sheet the grid shows: its selected tab.
 * @param {Page} page
 * @returns {Promise<string | null>}
 */
export const selectedTab = (page) => page.locator('#tabs [aria-selected="true"]').textContent();

/**
 * Where a node's cell is in a sheet's grid: its row by the node id in the hidden key column (A),
 * its column by the column key in the hidden key row (marked `@key`; over the actuals, the
 * fiscal month number stands for `actual_n`).
 * @param {SheetView} view
 * @param {string} nodeId
 * @param {string} columnKey
 * @returns {GridCell}
 */
export function cellOf(view, nodeId, columnKey) {
  const keyRow = view.rows.find((cells) => cells[0]?.value === '@key');
  const month = /^actual_(\d+)$/.exec(columnKey);
  const key = month ? Number(month[1]) : columnKey;
  const column = (keyRow?.findIndex((cell) => cell.value === key) ?? -1) + 1;
  const row = view.rows.findIndex((cells) => cells[0]?.value === nodeId) + 1;
  if (row === 0 || column === 0) throw new Error(`No cell for ${nodeId}/${columnKey} in ${view.name}`);
  return { row, column };
}

/**
 * The grid's cell at `at`, as drawn.
 * @param {Page} page
 * @param {GridCell} at
 * @returns {Locator}
 */
export const gridCell = (page, { row, column }) => page.locator(`#grid td[data-row="${row}"][data-col="${column}"]`);

/**
 * As a person does in Sheets: select the cell, type, press Enter.
 * @param {Page} page
 * @param {GridCell} at
 * @param {string} text
 */
export async function typeInto(page, at, text) {
  await gridCell(page, at).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}
