// Regenerates docs/import.png (after `npm run build`): the sidebar's Data tab in Japanese, the
// Shift_JIS sample previewed and imported, beside the data sheet it made.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../chromium.mjs';
import { loadPreviewServer } from './bundle.mjs';
import { MID_JULY_2025, openPage } from './drive.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { startPreview } = await loadPreviewServer(root);
const preview = await startPreview({ root, port: 0, today: MID_JULY_2025, locale: 'ja_JP' });
const browser = await launchChromium();
try {
  const { page, sidebar } = await openPage(browser, preview.url, { width: 1280, height: 800 });
  await sidebar.locator('#nav-data').click();
  await sidebar.locator('#import-file').setInputFiles(join(root, 'build/preview/samples/excel-sjis-deals.csv'));
  await sidebar.locator('#import-run').click();
  await sidebar.locator('#import-result').waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(root, 'docs/import.png') });
  console.log('Wrote docs/import.png');
} finally {
  await browser.close();
  await preview.close();
}
