// Regenerates docs/preview.png (after `npm run build`): the preview with a tree built from the
// new-business template, April's actuals typed in, and the sidebar showing the bottleneck.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../chromium.mjs';
import { loadPreviewServer } from './bundle.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { startPreview } = await loadPreviewServer(root);
const preview = await startPreview({ root, port: 0, today: () => new Date(2025, 6, 15) });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(preview.url);
  const sidebar = page.frameLocator('#sidebar');
  await sidebar.locator('html[data-ready]').waitFor();
  await sidebar.locator('#f-new_business-kgi').fill('10億');
  await sidebar.locator('#fiscal-year').fill('2025');
  await sidebar.locator('#build').click();
  await sidebar.locator('#result:not([hidden])').waitFor();

  // April's actuals, typed into the grid as a manager would: deal rate at half its plan.
  const sheet = (await page.locator('#tabs [aria-selected="true"]').textContent()) ?? '';
  const view = preview.workbook.view(sheet);
  const keys = view.rows.find((cells) => cells[0]?.value === '@key');
  if (!keys) throw new Error(`Sheet ${sheet} has no @key row`);
  const column = keys.findIndex((c) => c.value === 'actual_1') + 1;
  /** @param {number} row @param {number} col @param {string} text */
  const type = async (row, col, text) => {
    await page.locator(`#grid td[data-row="${row}"][data-col="${col}"]`).click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(150);
  };
  await type(2, 9, '2025-04');
  for (const [id, actual] of [
    ['visits', '2800'],
    ['leads', '700'],
    ['deals', '70'],
    ['orders', '21'],
    ['revenue', '42000000'],
  ]) {
    await type(view.rows.findIndex((cells) => cells[0]?.value === id) + 1, column, actual);
  }
  await sidebar.locator('#nav-status').click();
  await sidebar.locator('#bottleneck').waitFor();
  await page.locator('#grid td[data-row="1"][data-col="2"]').click();
  await mkdir(join(root, 'docs'), { recursive: true });
  await page.screenshot({ path: join(root, 'docs/preview.png') });
  console.log('Wrote docs/preview.png');
} finally {
  await browser.close();
  await preview.close();
}
