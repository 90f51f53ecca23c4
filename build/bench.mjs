// Prints performance figures for the built dist/Code.js; no pass or fail. Each entry of
// `benches` is one section: add a section by adding an entry.
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { codePath, loadCode } from './loadCode.mjs';

const RUNS = 7;
const fmt = (n) => Math.round(n).toLocaleString('en-US');

/** Median wall time of `RUNS` runs of `fn`, in milliseconds, after one warm-up run. */
function medianMs(fn) {
  fn();
  const times = Array.from({ length: RUNS }, () => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  });
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

const benches = [
  {
    name: 'Code.js size',
    run() {
      const bytes = statSync(codePath).size;
      const budget = 60 * 1024;
      return `${fmt(bytes)} bytes = ${(bytes / 1024).toFixed(1)} KB, ${((100 * bytes) / budget).toFixed(0)}% of the 60 KB budget`;
    },
  },
  {
    name: 'KPI_REQUIRED over a 100,000-row KGI range, three rates, one call',
    run() {
      const rows = 100_000;
      const { context, inRealm } = loadCode();
      // Built in the sandbox's realm beforehand, so only the call itself is timed.
      const kgi = inRealm(Array.from({ length: rows }, (_, i) => [((i % 1000) + 1) * 1_000_000]));
      const ms = medianMs(() => context.KPI_REQUIRED(kgi, 2_000_000, 0.3, 0.2, 0.5));
      return `median ${ms.toFixed(1)} ms of ${RUNS} runs = ${fmt((rows / ms) * 1000)} rows/s (target ≥ 2,000,000)`;
    },
  },
];

for (const { name, run } of benches) console.log(`${name}: ${run()}`);
