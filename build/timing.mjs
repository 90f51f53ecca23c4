// Timing helpers shared by the bench sections.
import { performance } from 'node:perf_hooks';

/**
 * The middle of a list of timings.
 * @param {readonly number[]} times
 */
export const median = (times) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];

/**
 * Median wall time of `runs` runs of `fn`, in milliseconds, after one warm-up run.
 * @param {() => void} fn
 * @param {number} runs
 */
export function medianMs(fn, runs) {
  fn();
  return median(
    Array.from({ length: runs }, () => {
      const start = performance.now();
      fn();
      return performance.now() - start;
    }),
  );
}
