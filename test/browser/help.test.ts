/**
 * The Help dialog (Extensions → KPI Tree → Help) as the built page, in Chromium at the dialog's
 * size: it fits without scrolling sideways, its list of functions jumps to each one, and each
 * function says its question, its arguments (which is the plan, which the actual), an example
 * with its result and the percent line, in English and in Japanese; a Japanese spreadsheet's
 * dialog shows Japanese first. Set HELP_SCREENSHOTS to a folder to keep help-en.png and help-ja.png.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../build/chromium.mjs';
import { FUNCTION_DOCS, PERCENT_CONVENTION } from '../../src/functions/docs';
import { HELP_DIALOG, JAPANESE_FIRST } from '../../src/server/menu';

const html = readFileSync(join(__dirname, '../../dist/Help.html'), 'utf8');
const names = Object.keys(FUNCTION_DOCS);

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The page as the dialog shows it, `appended` as the server appends it; `width` defaults to the dialog's. */
async function dialog(appended = '', width: number = HELP_DIALOG.width): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: HELP_DIALOG.height } });
  await page.setContent(html + appended);
  return page;
}

/** Whether the element starts in the upper half of the viewport (a jump puts it at the top, or as high as the page scrolls). */
const inView = (page: Page, selector: string) =>
  page.locator(selector).evaluate((node) => {
    const top = node.getBoundingClientRect().top;
    return top > -2 && top < window.innerHeight / 2;
  });

describe('the Help dialog', () => {
  it.each([HELP_DIALOG.width, HELP_DIALOG.width - 80])('fits %i px without scrolling sideways', async (width) => {
    const page = await dialog('', width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await page.close();
  });

  it.each(['en', 'ja'] as const)('lists every function to jump to, each with its question (%s)', async (lang) => {
    const page = await dialog();
    const links = page.locator(`#${lang} .jump a`);
    expect(await links.allTextContents()).toEqual(names);
    for (const name of ['KPI_ACHIEVEMENT', 'KPI_PACE', 'KPI_REQUIRED']) {
      await page.locator(`#${lang} .jump a[href="#${lang}-${name}"]`).click();
      expect(await inView(page, `#${lang}-${name}`)).toBe(true);
      const article = page.locator(`#${lang}-${name}`);
      const doc = FUNCTION_DOCS[name as keyof typeof FUNCTION_DOCS];
      expect(await article.locator('.question').textContent()).toBe(doc.question[lang]);
      expect(await article.locator('.example').innerText()).toContain(`${doc.example}\n\n→ ${doc.result}`);
    }
    expect(await page.locator(`#${lang} .percent`).innerText()).toBe(`% ${PERCENT_CONVENTION[lang]}`);
    await page.close();
  });

  it('says which argument is the plan and which the actual', async () => {
    const page = await dialog();
    const sides = (lang: string, name: string) =>
      page.locator(`#${lang}-${name} .args dt`).evaluateAll((dts) => dts.map((dt) => (dt as HTMLElement).innerText.replace(/\s+/g, ' ')));
    // KPI_ACHIEVEMENT takes the actual first; KPI_IMPACT the plan first.
    expect(await sides('en', 'KPI_ACHIEVEMENT')).toEqual(['actual actual', 'plan plan', 'lower_is_better optional']);
    expect(await sides('ja', 'KPI_IMPACT')).toEqual(['plan 計画', 'actual 実績', 'output 省略可']);
    expect(await sides('en', 'KPI_REQUIRED')).toEqual(['kgi', 'rate1, rate2, … repeat as needed']);
    await page.close();
  });

  it('switches language from the top of each section', async () => {
    const page = await dialog();
    expect(await inView(page, '#ja')).toBe(false);
    await page.locator('#en .other').click();
    expect(await inView(page, '#ja')).toBe(true);
    expect(await page.locator('#ja h1').textContent()).toBe('KPI Tree — ヘルプ');
    await page.locator('#ja .other').click();
    expect(await inView(page, '#en')).toBe(true);
    expect(await inView(page, '#ja')).toBe(false);
    await page.close();
  });

  it('shows Japanese first for a Japanese spreadsheet, and sees in each language', async () => {
    const english = await dialog();
    const japanese = await dialog(JAPANESE_FIRST);
    const top = (page: Page, id: string) => page.locator(`#${id}`).evaluate((node) => node.getBoundingClientRect().top);
    expect(await top(english, 'en')).toBeLessThan(await top(english, 'ja'));
    expect(await top(japanese, 'ja')).toBeLessThan(await top(japanese, 'en'));
    expect(await japanese.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    const folder = process.env.HELP_SCREENSHOTS;
    if (folder) {
      await english.screenshot({ path: join(folder, 'help-en.png') });
      await japanese.locator('#ja .jump a[href="#ja-KPI_ACHIEVEMENT"]').click();
      await japanese.screenshot({ path: join(folder, 'help-ja.png') });
    }
    await english.close();
    await japanese.close();
  });
});
