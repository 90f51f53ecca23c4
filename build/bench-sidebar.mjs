// Bench sections for the sidebar (build/bench.mjs lists them): the size of dist/Sidebar.html
// against its budget, and its time from navigation to interactive in headless Chromium.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SIDEBAR_BUDGET, sizeAgainst } from './budgets.mjs';
import { launchChromium } from './chromium.mjs';
import { median } from './timing.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const sidebarPath = join(root, 'dist/Sidebar.html');
const RUNS = 7;
/** Served from a made-up origin, so nothing but the sidebar itself is loaded. */
const ORIGIN = 'http://sidebar.bench/';

/** @typedef {(value?: unknown) => void} Handler */

/** `google.script.run` answering getContext at once, as a warm Apps Script server would at best. */
function stubServer() {
  /** @param {{ success?: Handler, failure?: Handler }} handlers @returns {unknown} */
  const runner = (handlers) =>
    new Proxy(
      {},
      {
        get: (_target, name) => {
          if (name === 'withSuccessHandler') return (/** @type {Handler} */ success) => runner({ ...handlers, success });
          if (name === 'withFailureHandler') return (/** @type {Handler} */ failure) => runner({ ...handlers, failure });
          return () => setTimeout(() => handlers.success?.(name === 'getContext' ? { lang: 'ja', trees: [], activeTree: null } : null));
        },
      },
    );
  /** @type {Window & { google?: unknown }} */ (window).google = { script: { run: runner({}) } };
}

/** A page that is interactive as soon as it parses: the machine's floor for the same procedure. */
const BLANK =
  '<!DOCTYPE html><p>blank</p><script>document.documentElement.dataset.ready = "true"; performance.mark("kpi-tree-interactive")</script>';

/**
 * Median milliseconds from navigation start to the `kpi-tree-interactive` mark, per page.
 * @param {string[]} pages HTML
 */
async function timeToInteractive(pages) {
  const browser = await launchChromium();
  try {
    const times = pages.map(() => /** @type {number[]} */ ([]));
    // Interleaved, so a busy moment on the machine weighs on both alike; the first round warms up.
    for (let run = 0; run <= RUNS; run += 1) {
      for (const [index, html] of pages.entries()) {
        const page = await browser.newPage({ viewport: { width: 300, height: 800 } });
        await page.addInitScript(stubServer);
        await page.route(ORIGIN, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
        await page.goto(ORIGIN);
        await page.waitForSelector('html[data-ready]');
        const ms = await page.evaluate(() => performance.getEntriesByName('kpi-tree-interactive')[0].startTime);
        if (run > 0) times[index].push(ms);
        await page.close();
      }
    }
    return times.map(median);
  } finally {
    await browser.close();
  }
}

export const sidebarBenches = [
  {
    name: 'Sidebar.html size',
    run() {
      return sizeAgainst(statSync(sidebarPath).size, SIDEBAR_BUDGET);
    },
  },
  {
    name: 'Sidebar load to interactive, headless Chromium',
    async run() {
      const [sidebar, blank] = await timeToInteractive([readFileSync(sidebarPath, 'utf8'), BLANK]);
      return (
        `median ${sidebar.toFixed(0)} ms of ${RUNS} loads, navigation start → context loaded and form live ` +
        `(server answering at once; a blank page takes ${blank.toFixed(0)} ms the same way on this machine)`
      );
    },
  },
];
