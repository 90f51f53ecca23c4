// Compiles the sidebar in Node: Handlebars templates rendered to plain HTML, with the client
// TypeScript (esbuild, IIFE, minified) and the CSS inlined. Neither the Handlebars runtime nor
// a compiled template reaches dist/; Sidebar.html is one self-contained file for HtmlService.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import esbuild from 'esbuild';
import Handlebars from 'handlebars';
import { checkBudget, SIDEBAR_BUDGET } from './budgets.mjs';
import { bundleText, NODE, SHIPPED } from './esbuild.mjs';

/** @typedef {typeof import('../sidebar/client/text').textFor} TextFor */

/**
 * The build-time view model and texts, from the same TypeScript the client bundles.
 * @param {string} root
 * @returns {Promise<{ sidebarModel: typeof import('../sidebar/model').sidebarModel, textFor: TextFor }>}
 */
async function loadModel(root) {
  const code = await bundleText({
    ...NODE,
    stdin: {
      contents: "export { sidebarModel } from './sidebar/model'; export { textFor } from './sidebar/client/text';",
      resolveDir: root,
      loader: 'ts',
    },
  });
  const source = Buffer.from(code).toString('base64');
  return import(`data:text/javascript;base64,${source}`);
}

/** @param {string} root */
const bundleClient = (root) => bundleText({ ...SHIPPED, entryPoints: [join(root, 'sidebar/client/main.ts')], target: 'es2020' });

/** @param {string} root */
async function minifyCss(root) {
  const css = await readFile(join(root, 'sidebar/styles.css'), 'utf8');
  return (await esbuild.transform(css, { loader: 'css', minify: true })).code;
}

/**
 * Inline code must not close its own element early.
 * @param {string} code
 * @param {string} tag
 */
const inline = (code, tag) => code.replace(new RegExp(`</${tag}`, 'gi'), `<\\/${tag}`);

/** @param {TextFor} textFor */
function handlebars(textFor) {
  const hb = Handlebars.create();
  const { escapeExpression: escapeHtml, SafeString } = hb;
  // `{{t key}}`: the English text in a span the client re-says in the chosen language.
  hb.registerHelper('t', (key) => new SafeString(`<span data-t="${escapeHtml(key)}">${escapeHtml(textFor(key).en)}</span>`));
  // `{{text key}}`: plain (escaped) English text, for elements that cannot hold a span.
  hb.registerHelper('text', (key) => textFor(key).en);
  hb.registerHelper('concat', (...args) => args.slice(0, -1).join(''));
  return hb;
}

/**
 * Writes `outDir`/Sidebar.html; throws when it is over its budget.
 * @param {{ root: string, outDir: string }} dirs
 */
export async function buildSidebar({ root, outDir }) {
  const [{ sidebarModel, textFor }, js, css] = await Promise.all([loadModel(root), bundleClient(root), minifyCss(root)]);
  const hb = handlebars(textFor);
  const partials = join(root, 'sidebar/partials');
  for (const file of await readdir(partials)) {
    hb.registerPartial(basename(file, '.hbs'), await readFile(join(partials, file), 'utf8'));
  }
  const page = hb.compile(await readFile(join(root, 'sidebar/index.hbs'), 'utf8'), { strict: true });
  const html = page({ ...sidebarModel(), css: inline(css, 'style'), js: inline(js, 'script') });
  const bytes = Buffer.byteLength(html);
  checkBudget('Sidebar.html', bytes, SIDEBAR_BUDGET);
  await writeFile(join(outDir, 'Sidebar.html'), html);
  return { bytes };
}
