// Regenerates docs/form-en.png and docs/form-ja.png (after `npm run build`): the New tree form
// alone at the sidebar's real width, as a planner leaves it after pressing Build with a
// percentage as the KGI, a word as the deal size, 150 as the win rate, a blank lead rate and a
// fraction as the deal rate.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../chromium.mjs';
import { loadPreviewServer } from './bundle.mjs';
import { MID_JULY_2025, sidebarReady } from './drive.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { startPreview } = await loadPreviewServer(root);
const preview = await startPreview({ root, port: 0, today: MID_JULY_2025 });
const browser = await launchChromium();
try {
  await mkdir(join(root, 'docs'), { recursive: true });
  for (const lang of ['en', 'ja']) {
    const page = await browser.newPage({ viewport: { width: 300, height: 700 } });
    await page.goto(`${preview.url}sidebar?view=new`);
    await sidebarReady(page);
    await page.locator('#lang').selectOption(lang);
    const typed = { kgi: '30%', deal_size: 'abc', win_rate: '150', deal_rate: '0.3', lead_rate: '' };
    for (const [name, text] of Object.entries(typed)) await page.locator(`#f-new_business-${name}`).fill(text);
    await page.locator('#fiscal-year').fill('2025');
    await page.locator('#build').click();
    await page.locator('#f-new_business-lead_rate-err:not(:empty)').waitFor();
    const path = join(root, `docs/form-${lang}.png`);
    await page.screenshot({ path, fullPage: true });
    console.log(`Wrote ${path}`);
    await page.close();
  }
} finally {
  await browser.close();
  await preview.close();
}
