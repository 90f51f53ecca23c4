// Prints performance figures for the built dist/Code.js; no pass or fail. Each entry of
// `benches` is one section: add a section by adding an entry.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { sidebarBenches } from './bench-sidebar.mjs';
import { CODE_BUDGET, sizeAgainst } from './budgets.mjs';
import { importBundle } from './esbuild.mjs';
import { codePath } from './loadCode.mjs';
import { medianMs } from './timing.mjs';

const RUNS = 7;
const LOAD_RUNS = 20;
/** @param {number} n */
const fmt = (n) => Math.round(n).toLocaleString('en-US');

/** @typedef {{ name: string, run: () => string | Promise<string> }} Bench */

/**
 * Median milliseconds to compile and run `source` in a fresh V8 context, as Apps Script loads
 * the project before any call. A new file name each run keeps V8 from reusing an earlier compile.
 * @param {string} source
 */
function loadMs(source) {
  let run = 0;
  return medianMs(() => new vm.Script(source, { filename: `Code.js#${run++}` }).runInNewContext(), LOAD_RUNS);
}

/** @type {Bench[]} */
const benches = [
  {
    name: 'Code.js size',
    run() {
      const source = readFileSync(codePath, 'utf8');
      // Loading only defines functions: what it costs is what the file's size costs.
      const [ms, empty] = [loadMs(source), loadMs('')];
      return (
        `${sizeAgainst(Buffer.byteLength(source), CODE_BUDGET)}; loads in ${ms.toFixed(1)} ms in a fresh V8 context, ` +
        `compiling included (median of ${LOAD_RUNS}; an empty script takes ${empty.toFixed(1)} ms the same way)`
      );
    },
  },
  {
    name: 'KPI_REQUIRED over a 100,000-row KGI range (deal size, win rate, lead-to-deal rate), one call',
    run() {
      const rows = 100_000;
      // In this realm, as Apps Script runs a project: a vm context would route every global
      // lookup (Math, Number) through its sandbox and time that instead of the function.
      vm.runInThisContext(readFileSync(codePath, 'utf8'), { filename: 'Code.js' });
      const scope = /** @type {any} */ (globalThis);
      const kgi = Array.from({ length: rows }, (_, i) => [((i % 1000) + 1) * 1_000_000]);
      const ms = medianMs(() => scope.KPI_REQUIRED(kgi, 2_000_000, 0.3, 0.2), RUNS);
      return `median ${ms.toFixed(1)} ms of ${RUNS} runs = ${fmt((rows / ms) * 1000)} rows/s (target ≥ 2,000,000)`;
    },
  },
];

/**
 * The tree-sheet sections are TypeScript over the core and the in-memory workbook: bundled here.
 * @returns {Promise<Bench[]>}
 */
async function treeBenches() {
  /** @type {typeof import('./bench-trees')} */
  const trees = await importBundle({
    entryPoints: [new URL('./bench-trees.ts', import.meta.url).pathname],
    // Inside the project, so the bundle's packages resolve from node_modules.
    outfile: new URL('../node_modules/.cache/kpi-bench/trees.mjs', import.meta.url).pathname,
    logLevel: 'error',
  });
  return [...trees.treeBenches(), ...trees.linkBenches()];
}

/**
 * The import section is TypeScript over the sidebar's reading and the server: bundled here.
 * @returns {Promise<Bench[]>}
 */
async function importBenches() {
  /** @type {typeof import('./bench-import')} */
  const imports = await importBundle({
    entryPoints: [new URL('./bench-import.ts', import.meta.url).pathname],
    outfile: new URL('../node_modules/.cache/kpi-bench/import.mjs', import.meta.url).pathname,
    logLevel: 'error',
  });
  return imports.importBenches();
}

for (const { name, run } of [...benches, ...(await treeBenches()), ...(await importBenches()), ...sidebarBenches]) {
  console.log(`${name}: ${await run()}`);
}
