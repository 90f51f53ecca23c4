import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { launchChromium } from '../../../build/chromium.mjs';
import { buildNewBusiness, MID_JULY_2025, openPage, selectedTab, sidebarReady } from '../../../build/preview/drive.mjs';
import { type Preview, startPreview } from '../../../build/preview/server';
import { eventually, eventuallyReads } from './eventually';

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
  const preview = await startPreview({ root, port: 0, today: MID_JULY_2025 });
  const browser = await launchChromium();
  const { page, sidebar } = await openPage(browser, preview.url, { width: 1400, height: 900 }, watch);
  return { preview, browser, page, sidebar };
}

/** The preview open in `lang`, with a new-business tree built from the sidebar and its tab selected. */
export async function openWithTree(lang: 'en' | 'ja'): Promise<OpenPreview & { readonly tree: string }> {
  const opened = await openPreview();
  await opened.sidebar.locator('#lang').selectOption(lang);
  await buildNewBusiness(opened.sidebar);
  const tree = (await opened.sidebar.locator('#result-name').textContent()) ?? '';
  await eventually(
    () => selectedTab(opened.page),
    (value) => expect(value).toBe(tree),
  );
  return { ...opened, tree };
}

/** The preview the tests of the current file or block drive, open from `usePreview`'s beforeAll on. */
export let preview: Preview;
export let browser: Browser;
export let page: Page;
export let sidebar: FrameLocator;

/**
 * In the preview `usePreview` opened: a data sheet typed in as a person (or a paste) would, then
 * the sidebar in `lang` at 1366×768 with a new-business tree built (`tree`) and its status shown.
 */
export async function dataAndTree(lang: 'en' | 'ja', dataSheet: string, rows: readonly (readonly string[])[], tree: string): Promise<void> {
  preview.workbook.sheets.addSheet(dataSheet);
  rows.forEach((row, r) => {
    row.forEach((value, c) => preview.workbook.edit(dataSheet, r + 1, c + 1, value));
  });
  await page.setViewportSize({ width: 1366, height: 768 });
  await sidebar.locator('#lang').selectOption(lang);
  await buildNewBusiness(sidebar);
  await eventuallyReads(() => selectedTab(page), tree);
  await sidebar.locator('#nav-status').click();
}

/**
 * Opens the preview (as openPreview does) into `preview`, `browser`, `page` and `sidebar` before
 * the tests of the enclosing file or describe block, and closes it after them.
 */
export function usePreview(watch?: (page: Page) => void): void {
  beforeAll(async () => {
    ({ preview, browser, page, sidebar } = await openPreview(watch));
  });
  afterAll(async () => {
    await browser?.close();
    await preview?.close();
  });
}

/** Shows the preview's sidebar on its own in `target`, opened on `view` as a menu item opens it. */
export async function openSidebarAlone(target: Page, server: Preview, view: string): Promise<void> {
  await target.goto(`${server.url}sidebar?view=${view}`);
  await sidebarReady(target);
}

/** The ids (or markup) of the form controls in `scope` that no label names. */
export const unlabelledControls = (scope: Page | FrameLocator): Promise<string[]> =>
  scope
    .locator('input, select, textarea')
    .evaluateAll((controls) => controls.filter((c) => (c as HTMLInputElement).labels?.length === 0).map((c) => c.id || c.outerHTML));
