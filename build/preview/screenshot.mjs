// Regenerates docs/preview.png (after `npm run build`): the preview with a tree built from the
// new-business template, April's actuals typed in, and the sidebar showing the bottleneck. The
// grid is 1,000 px wide, as beside the sidebar on a 1366×768 laptop: the sheet's first screen.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../chromium.mjs';
import { loadPreviewServer } from './bundle.mjs';
import { APRIL_ACTUALS, buildNewBusiness, cellOf, gridCell, MID_JULY_2025, openPage, selectedTab, typeInto } from './drive.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { startPreview } = await loadPreviewServer(root);
const preview = await startPreview({ root, port: 0, today: MID_JULY_2025 });
const browser = await launchChromium();
try {
  const { page, sidebar } = await openPage(browser, preview.url, { width: 1300, height: 768 });
  await buildNewBusiness(sidebar);

  // April's actuals, typed into the grid as a manager would: deal rate at half its plan.
  const view = preview.workbook.view((await selectedTab(page)) ?? '');
  /** @param {import('./drive.mjs').GridCell} at @param {string} text */
  const type = async (at, text) => {
    await typeInto(page, at, text);
    await page.waitForTimeout(150);
  };
  await type({ row: 2, column: 9 }, '2025-04'); // the period selector, beside "Period"
  for (const [id, actual] of APRIL_ACTUALS) await type(cellOf(view, id, 'actual_1'), actual);
  await sidebar.locator('#nav-status').click();
  await sidebar.locator('#bottleneck').waitFor();
  await gridCell(page, { row: 1, column: 2 }).click();
  await page.locator('.scroll').evaluate((scroll) => scroll.scrollTo(0, 0));
  await mkdir(join(root, 'docs'), { recursive: true });
  await page.screenshot({ path: join(root, 'docs/preview.png') });
  console.log('Wrote docs/preview.png');
} finally {
  await browser.close();
  await preview.close();
}
