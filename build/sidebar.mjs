// Compiles the sidebar in Node: Handlebars templates rendered to plain HTML, with the client
// TypeScript (esbuild, IIFE, minified) and the CSS inlined. Neither the Handlebars runtime nor
// a compiled template reaches dist/; Sidebar.html is one self-contained file for HtmlService.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import esbuild from 'esbuild';
import Handlebars from 'handlebars';

/** HtmlService sidebars load this once per open; keep it small. */
export const SIDEBAR_BUDGET = 150 * 1024;

/** The build-time view model and texts, from the same TypeScript the client bundles. */
async function loadModel(root) {
  const result = await esbuild.build({
    stdin: {
      contents: "export { sidebarModel } from './sidebar/model'; export { textFor } from './sidebar/client/text';",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
  });
  const source = Buffer.from(result.outputFiles[0].text).toString('base64');
  return import(`data:text/javascript;base64,${source}`);
}

async function bundleClient(root) {
  const result = await esbuild.build({
    entryPoints: [join(root, 'sidebar/client/main.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    minify: true,
    charset: 'utf8',
    legalComments: 'none',
    write: false,
  });
  return result.outputFiles[0].text;
}

async function minifyCss(root) {
  const css = await readFile(join(root, 'sidebar/styles.css'), 'utf8');
  return (await esbuild.transform(css, { loader: 'css', minify: true })).code;
}

/** Inline code must not close its own element early. */
const inline = (code, tag) => code.replace(new RegExp(`</${tag}`, 'gi'), `<\\/${tag}`);

function handlebars(textFor) {
  const hb = Handlebars.create();
  const { escapeExpression: escape, SafeString } = hb;
  // `{{t key}}`: the English text in a span the client re-says in the chosen language.
  hb.registerHelper('t', (key) => new SafeString(`<span data-t="${escape(key)}">${escape(textFor(key).en)}</span>`));
  // `{{text key}}`: plain (escaped) English text, for elements that cannot hold a span.
  hb.registerHelper('text', (key) => textFor(key).en);
  hb.registerHelper('concat', (...args) => args.slice(0, -1).join(''));
  return hb;
}

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
  if (bytes > SIDEBAR_BUDGET) throw new Error(`Sidebar.html is ${bytes} bytes, over the ${SIDEBAR_BUDGET} byte budget`);
  await writeFile(join(outDir, 'Sidebar.html'), html);
  return { bytes };
}
