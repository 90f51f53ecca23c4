// The esbuild options the build scripts share. Every bundle is one file with UTF-8 kept as is
// (not \u-escaped). Code that ships (dist/) is a minified IIFE; code this machine runs (the build's
// data, the bench, the preview server) is ESM for Node.
import { pathToFileURL } from 'node:url';
import esbuild from 'esbuild';

/** @typedef {import('esbuild').BuildOptions} BuildOptions */

/** @type {BuildOptions} */
const PRESET = { bundle: true, charset: 'utf8' };

/**
 * For dist/: Apps Script and HtmlService load it on every call or open, so it is kept small.
 * @type {BuildOptions}
 */
export const SHIPPED = { format: 'iife', minify: true, legalComments: 'none' };

/** @type {BuildOptions} */
export const NODE = { platform: 'node', format: 'esm', target: 'node20' };

/**
 * Bundles in memory and returns the code.
 * @param {BuildOptions} options
 * @returns {Promise<string>}
 */
export async function bundleText(options) {
  const result = await esbuild.build({ ...PRESET, ...options, write: false });
  return result.outputFiles[0].text;
}

/**
 * Bundles for Node into `outfile` and imports it. Packages stay external and load from
 * node_modules, so `outfile` must be inside the project.
 * @param {BuildOptions & { outfile: string }} options
 * @returns {Promise<any>} the module's exports
 */
export async function importBundle(options) {
  await esbuild.build({ ...PRESET, ...NODE, packages: 'external', ...options });
  return import(pathToFileURL(options.outfile).href);
}
