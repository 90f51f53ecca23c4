// Builds dist/ for clasp: Code.js (the bundle plus one top-level wrapper per entry point),
// Vocabulary.html, Help.html, appsscript.json and Sidebar.html.
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import esbuild from 'esbuild';
import Handlebars from 'handlebars';
import { CODE_BUDGET, checkBudget } from './budgets.mjs';
import { bundleText, SHIPPED } from './esbuild.mjs';
import { loadCode } from './loadCode.mjs';
import { buildSidebar } from './sidebar.mjs';

/** @typedef {import('../src/core/i18n').Localized} Localized */
/** @typedef {import('../src/functions/spec').ParamSpec} ParamSpec */
/** @typedef {import('../src/functions/spec').FunctionDoc} FunctionDoc */
/** @typedef {FunctionDoc & { name: string }} FunctionSpec */
/** @typedef {ParamSpec & { note: string }} DeclaredParam */

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'dist');
const GLOBAL_NAME = 'KpiTree';
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** A repeating parameter is declared this many times (`rate1, rate2`); Sheets passes any number. */
const REPEATS = 2;

/** Bundles src/main.ts into one IIFE that only defines `var KpiTree`. */
const bundle = () => bundleText({ ...SHIPPED, entryPoints: [join(root, 'src/main.ts')], globalName: GLOBAL_NAME, target: 'es2019' });

/**
 * A source module's exports, bundled on its own and run in Node: build-time data (vocabulary,
 * the functions' documentation) that stays out of Code.js.
 * @param {string} path
 */
async function loadModule(path) {
  const source = await bundleText({ entryPoints: [join(root, path)], format: 'iife', globalName: 'Module' });
  return loadCode({ source }).context.Module;
}

/**
 * Loading the bundle with no Apps Script globals also proves it touches no service at load time.
 * The custom functions the bundle defines and the ones docs.ts documents must be the same set.
 * @param {string} source
 * @param {Record<string, FunctionDoc>} docs
 * @returns {{ names: string[], specs: Map<string, FunctionSpec> }}
 */
function entryPoints(source, docs) {
  const { context } = loadCode({ source });
  /** @type {{ globals: Record<string, unknown>, customFunctionNames: string[] }} */
  const { globals, customFunctionNames } = context[GLOBAL_NAME];
  const names = Object.keys(globals);
  for (const name of names) {
    if (!IDENTIFIER.test(name) || name === GLOBAL_NAME) throw new Error(`Bad entry point name: ${name}`);
    if (typeof globals[name] !== 'function') throw new Error(`Entry point ${name} is not a function`);
  }
  for (const name of customFunctionNames) {
    if (!names.includes(name)) throw new Error(`Custom function ${name} is missing from globals`);
    if (!Object.hasOwn(docs, name)) throw new Error(`Custom function ${name} is not documented in src/functions/docs.ts`);
  }
  for (const name of Object.keys(docs)) {
    if (!customFunctionNames.includes(name)) throw new Error(`${name} is documented but is not a custom function in the bundle`);
  }
  return { names, specs: new Map(customFunctionNames.map((name) => [name, { name, ...docs[name] }])) };
}

/**
 * One line of a doc comment: whitespace collapsed, and no `*` + `/` that would end it early.
 * @param {string} text
 */
const docText = (text) => text.replace(/\s+/g, ' ').replace(/\*\//g, '*\\/').trim();
/** @param {Localized} text */
const bilingual = ({ en, ja }) => `${docText(en)} / ${docText(ja)}`;
/** @param {string[]} lines */
const docComment = (lines) => ['/**', ...lines.map((line) => (line ? ` * ${line}` : ' *')), ' */'].join('\n');

/**
 * The parameters the wrapper declares. Names stay plain identifiers (no `[opt]` or `...rest`),
 * the form Sheets' formula help is documented to read. A repeating one is named like `rate1`
 * and declared as `rate1, rate2`.
 * @param {FunctionSpec} spec
 * @returns {DeclaredParam[]}
 */
function declaredParams(spec) {
  return spec.params.flatMap((param, index) => {
    if (!IDENTIFIER.test(param.name)) throw new Error(`${spec.name}: bad parameter name ${param.name}`);
    const note = param.optional ? ' (optional / 省略可)' : '';
    if (!param.repeating) return [{ ...param, note }];
    if (index !== spec.params.length - 1 || !param.name.endsWith('1')) {
      throw new Error(`${spec.name}: only the last parameter may repeat, and its name ends in 1 (rate1)`);
    }
    const stem = param.name.slice(0, -1);
    return Array.from({ length: REPEATS }, (_, i) => ({
      ...param,
      name: `${stem}${i + 1}`,
      note: i === REPEATS - 1 ? `${note} (repeat as needed / 必要なだけ続けて指定)` : note,
    }));
  });
}

/**
 * Forwards every argument (the event object, google.script.run's or a formula's) and `this`.
 * @param {string} name
 * @param {string[]} params
 */
const forward = (name, params) =>
  `function ${name}(${params.join(', ')}) { return ${GLOBAL_NAME}.globals.${name}.apply(this, arguments); }`;

/**
 * @param {FunctionSpec} spec
 * @param {Localized} percent The percent convention, one line in the formula help of every function.
 */
function customFunctionWrapper(spec, percent) {
  const params = declaredParams(spec);
  const doc = docComment([
    docText(spec.description.en),
    docText(spec.description.ja),
    bilingual(percent),
    '',
    ...params.map((p) => `@param {${p.type}} ${p.name} ${bilingual(p.description)}${p.note} e.g. ${docText(p.example)}`),
    `@return ${bilingual(spec.returns)}`,
    '@customfunction',
  ]);
  return `${doc}\n${forward(
    spec.name,
    params.map((p) => p.name),
  )}`;
}

/**
 * Triggers, menu items and sidebar calls: no `@customfunction`, so Sheets does not offer them.
 * @param {string} name
 */
const entryWrapper = (name) => `/** Not a custom function. */\n${forward(name, [])}`;

/**
 * Templates and sheet words as a data file: the server reads it on demand, so the bilingual
 * data never loads with a custom function. `<` is escaped so the HTML file cannot hold markup.
 */
async function vocabularyData() {
  const { VOCABULARY } = await loadModule('src/core/vocabulary.ts');
  return JSON.stringify(VOCABULARY).replace(/</g, '\\u003c');
}

/**
 * The Help dialog's styles: the sidebar's colours and type (its `:root` block, one source) and the
 * dialog's own layout.
 */
async function helpCss() {
  const sidebar = await readFile(join(root, 'sidebar/styles.css'), 'utf8');
  const rootBlock = /:root\s*\{[^}]*\}/.exec(sidebar);
  if (!rootBlock) throw new Error('sidebar/styles.css has no :root block for the Help dialog');
  const css = `${rootBlock[0]}\n${await readFile(join(root, 'build/help.css'), 'utf8')}`;
  return (await esbuild.transform(css, { loader: 'css', minify: true })).code.replace(/<\/style/gi, '<\\/style');
}

/**
 * The Help dialog as a static page, in both languages (the dialog puts the spreadsheet's first):
 * per function the question it answers, its arguments (which is the plan, which the actual), an
 * example with its result (test/functions/helpExamples.test.ts computes it), and the percent line.
 * Every text is escaped.
 * @param {Map<string, FunctionSpec>} specs
 * @param {{ HELP_WORDS: Record<'en' | 'ja', Record<string, string>>, PERCENT_CONVENTION: Localized }} help
 */
async function helpPage(specs, { HELP_WORDS, PERCENT_CONVENTION }) {
  const page = Handlebars.create().compile(await readFile(join(root, 'build/help.hbs'), 'utf8'), { strict: true });
  /** @param {'en' | 'ja'} lang */
  const language = (lang) => {
    const words = HELP_WORDS[lang];
    const other = lang === 'en' ? 'ja' : 'en';
    return {
      code: lang,
      words,
      other: { code: other, name: HELP_WORDS[other].name },
      percent: PERCENT_CONVENTION[lang],
      functions: [...specs.values()].map((spec) => {
        const names = spec.params.map((p) => (p.repeating ? `${p.name}, ${p.name.slice(0, -1)}2, …` : p.optional ? `[${p.name}]` : p.name));
        return {
          name: spec.name,
          question: spec.question[lang],
          description: spec.description[lang],
          syntax: `=${spec.name}(${names.join(', ')})`,
          params: spec.params.map((p, i) => ({
            name: names[i].replace(/^\[|\]$/g, ''),
            side: p.side ? words[p.side] : '',
            sideKey: p.side ?? '',
            optional: [p.optional ? words.optional : '', p.repeating ? words.repeat : ''].filter(Boolean).join(', '),
            description: p.description[lang],
            example: p.example,
          })),
          returns: spec.returns[lang],
          example: spec.example,
          result: spec.result,
          resultNote: spec.resultNote?.[lang] ?? '',
        };
      }),
    };
  };
  return page({ css: await helpCss(), langs: [language('en'), language('ja')] });
}

const source = await bundle();
const docs = await loadModule('src/functions/docs.ts');
const { FUNCTION_DOCS } = docs;
const { names, specs } = entryPoints(source, FUNCTION_DOCS);
const wrappers = names.map((name) => {
  const spec = specs.get(name);
  return spec ? customFunctionWrapper(spec, docs.PERCENT_CONVENTION) : entryWrapper(name);
});
const code = `${source.trimEnd()}\n\n${wrappers.join('\n\n')}\n`;
checkBudget('Code.js', Buffer.byteLength(code), CODE_BUDGET);

// A clean dist/: clasp pushes every file in it.
await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });
await writeFile(join(outDir, 'Code.js'), code);
await writeFile(join(outDir, 'Vocabulary.html'), await vocabularyData());
await writeFile(join(outDir, 'Help.html'), await helpPage(specs, docs));
await copyFile(join(root, 'appsscript.json'), join(outDir, 'appsscript.json'));
await buildSidebar({ root, outDir });
console.log(
  `Built ${outDir}: Code.js (${names.length} entry points, ${specs.size} custom functions), Vocabulary.html, Help.html, appsscript.json, Sidebar.html`,
);
