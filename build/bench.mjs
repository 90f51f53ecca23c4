// Prints performance figures for the built dist/Code.js; no pass or fail. Each entry of
// `benches` is one section: add a section by adding an entry.
import { readFileSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import esbuild from 'esbuild';
import { sidebarBenches } from './bench-sidebar.mjs';
import { codePath } from './loadCode.mjs';
import { medianMs } from './timing.mjs';

const RUNS = 7;
const fmt = (n) => Math.round(n).toLocaleString('en-US');

const benches = [
  {
    name: 'Code.js size',
    run() {
      const bytes = statSync(codePath).size;
      const budget = 120 * 1024;
      return `${fmt(bytes)} bytes = ${(bytes / 1024).toFixed(1)} KB, ${((100 * bytes) / budget).toFixed(0)}% of the 120 KB budget`;
    },
  },
  {
    name: 'KPI_REQUIRED over a 100,000-row KGI range (deal size, win rate, lead-to-deal rate), one call',
    run() {
      const rows = 100_000;
      // In this realm, as Apps Script runs a project: a vm context would route every global
      // lookup (Math, Number) through its sandbox and time that instead of the function.
      vm.runInThisContext(readFileSync(codePath, 'utf8'), { filename: 'Code.js' });
      const kgi = Array.from({ length: rows }, (_, i) => [((i % 1000) + 1) * 1_000_000]);
      const ms = medianMs(() => globalThis.KPI_REQUIRED(kgi, 2_000_000, 0.3, 0.2), RUNS);
      return `median ${ms.toFixed(1)} ms of ${RUNS} runs = ${fmt((rows / ms) * 1000)} rows/s (target ≥ 2,000,000)`;
    },
  },
];

/** The tree-sheet sections are TypeScript over the core and the in-memory workbook: bundled here. */
async function treeBenches() {
  // Inside the project, so the bundle's packages resolve from node_modules.
  const outfile = new URL('../node_modules/.cache/kpi-bench/trees.mjs', import.meta.url).pathname;
  await esbuild.build({
    entryPoints: [new URL('./bench-trees.ts', import.meta.url).pathname],
    bundle: true, platform: 'node', format: 'esm', outfile, packages: 'external', logLevel: 'error',
  });
  return (await import(pathToFileURL(outfile).href)).treeBenches();
}

for (const { name, run } of [...benches, ...(await treeBenches()), ...sidebarBenches]) {
  console.log(`${name}: ${await run()}`);
}
