import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { launchChromium } from '../../../build/chromium.mjs';
import { type Preview, startPreview } from '../../../build/preview/server';

export interface OpenPreview {
  readonly preview: Preview;
  readonly browser: Browser;
  readonly page: Page;
  readonly sidebar: FrameLocator;
}

/**
 * The preview on a free port, in mid-July of FY2025 (April start: April to June have ended),
 * open in Debian's Chromium with the sidebar ready. `watch` sees the page before it loads.
 */
export async function openPreview(watch: (page: Page) => void = () => undefined): Promise<OpenPreview> {
  const root = join(__dirname, '../../..');
  if (!existsSync(join(root, 'dist/Sidebar.html'))) throw new Error('Run `npm run build` first: the tests load dist/Sidebar.html');
  const preview = await startPreview({ root, port: 0, today: () => new Date(2025, 6, 15) });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  watch(page);
  await page.goto(preview.url);
  const sidebar = page.frameLocator('#sidebar');
  await sidebar.locator('html[data-ready]').waitFor();
  return { preview, browser, page, sidebar };
}
