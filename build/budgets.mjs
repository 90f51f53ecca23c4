// The size budgets of the two files Apps Script serves, defined once: the build fails over
// them (build.mjs, sidebar.mjs), the tests check them and the bench shows them.

/** dist/Code.js: Apps Script loads it on every call, custom function, trigger or sidebar request. */
export const CODE_BUDGET = 120 * 1024;

/**
 * dist/Sidebar.html: HtmlService sidebars load this once per open; keep it small. 150 KB until the
 * import of CSV files, whose parser (papaparse, 19.7 KB minified) must run in the sidebar (Apps
 * Script cannot read a file the person picks); 220 KB since the sidebar gained four views at once
 * (the design check, import, links to data and the Team view, about 35 KB in two languages).
 */
export const SIDEBAR_BUDGET = 220 * 1024;

/**
 * Throws when `bytes` is over `budget`.
 * @param {string} file
 * @param {number} bytes
 * @param {number} budget
 */
export function checkBudget(file, bytes, budget) {
  if (bytes > budget) throw new Error(`${file} is ${bytes} bytes, over the ${budget} byte budget`);
}

/**
 * For the bench, e.g. `65,547 bytes = 64.0 KB, 53% of the 120 KB budget`.
 * @param {number} bytes
 * @param {number} budget
 */
export const sizeAgainst = (bytes, budget) =>
  `${bytes.toLocaleString('en-US')} bytes = ${(bytes / 1024).toFixed(1)} KB, ${((100 * bytes) / budget).toFixed(0)}% of the ${budget / 1024} KB budget`;
