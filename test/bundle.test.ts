/**
 * Tests the built dist/ (`npm test` builds first) the way Apps Script runs it: Code.js in a
 * fresh V8 context holding only the services a call may use, every entry point called by its
 * global name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type Comment, type FunctionDeclaration, type Node } from 'acorn';
import { codePath, loadCode } from '../build/loadCode.mjs';
import { FUNCTION_DOCS, type FunctionName } from '../src/functions/docs';
import { RPC_ERROR_MARKER, sidebarViewTag, type RpcFailure } from '../src/rpc';
import { VOCABULARY } from '../src/core/vocabulary';
import { appsScriptFakes, htmlOf, type Call } from './support/appsScriptFakes';

const root = join(__dirname, '..');
const code = readFileSync(codePath, 'utf8');

interface Bundle {
  readonly globals: Record<string, (...args: unknown[]) => unknown>;
  readonly customFunctionNames: readonly string[];
}
const bundleOf = (loaded: ReturnType<typeof loadCode>): Bundle => loaded.context.KpiTree as Bundle;
const { globals, customFunctionNames } = bundleOf(loadCode());
const entryNames = Object.keys(globals);
const customNames = [...customFunctionNames];
const docNames = Object.keys(FUNCTION_DOCS) as FunctionName[];
const docOf = (name: string) => FUNCTION_DOCS[name as FunctionName];

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** The text an HTML page shows: tags dropped, character references decoded. */
const htmlText = (html: string): string =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&(lt|gt|quot|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&' })[name]!);

/** Calls a custom function expecting it to throw; returns the message Sheets would show. */
function errorShown(locale: string | undefined, name: string, ...args: unknown[]): string {
  const loaded = loadCode(appsScriptFakes({ locale }));
  try {
    loaded.call(name, ...args);
  } catch (err) {
    expect((err as Error).name).toBe('Error');
    return (err as Error).message;
  }
  throw new Error(`${name} did not throw`);
}

/** Valid calls of every custom function (the domain brief's figures), and one bad call each. */
const customCases: Record<string, { calls: [unknown[], unknown][]; bad: unknown[] }> = {
  KPI_REQUIRED: {
    calls: [
      [[1_000_000_000, 2_000_000, 0.3, 0.2], 8335],
      [[1_000_000_000, 2_000_000, 0.3], 1667],
      [[21, 0.7], 30],
      [[[[1_000_000_000], [500_000_000]], 2_000_000, 0.3, 0.2], [[8335], [4170]]],
    ],
    bad: [1_000_000_000, 0],
  },
  KPI_FUNNEL: {
    calls: [[[1_000_000_000, [[2_000_000], [0.3], [0.2]]], [[1_000_000_000], [500], [1667], [8335]]]],
    bad: [1_000_000_000, [[2_000_000]], 'sometimes'],
  },
  KPI_FORWARD: {
    // 50 deals a month × 12 × 30% × ¥2,000,000: ¥360m, 36% of a ¥1bn KGI.
    calls: [[[600, 0.3, 2_000_000], 360_000_000]],
    bad: [600, 'thirty'],
  },
  KPI_ACHIEVEMENT: {
    calls: [
      [[[[90], [110]], [[100], [100]]], [[0.9], [1.1]]],
      [[0.05, 0.04, true], 0.8],
    ],
    bad: [[[1], [2]], [[1]]],
  },
  KPI_IMPACT: {
    calls: [[[[[100], [0.3]], [[80], [0.3]], 24], [[6], [0]]]],
    bad: [[[1]], [[-1]]],
  },
  KPI_BOTTLENECK: {
    calls: [[[[['leads'], ['deal rate'], ['win rate']], [[1000], [0.2], [0.3]], [[900], [0.1], [0.3]]], 'deal rate']],
    bad: [[['a']], [[1], [2]], [[1], [2]]],
  },
  KPI_PHASE: {
    calls: [
      [[1200], [Array(12).fill(100)]],
      [[400, [[1, 1, 2]], true], [[100, 100, 200]]],
    ],
    bad: [-5],
  },
  KPI_FORECAST: {
    calls: [[[[[10], [20], [''], ['']], [[15], [15], [15], [15]]], 60]],
    bad: [[[1], [2]], [[1]]],
  },
  KPI_PACE: {
    calls: [[[120, [[10], [20], [''], ['']]], 45]],
    bad: [100, [[1]], 0],
  },
};

describe('custom functions', () => {
  test('every custom function has cases here', () => {
    expect(Object.keys(customCases).sort()).toEqual([...customNames].sort());
  });

  test('the bundle defines exactly the documented custom functions', () => {
    expect([...customNames].sort()).toEqual([...docNames].sort());
  });

  test.each(Object.entries(customCases))('%s computes its results without touching any service', (name, { calls }) => {
    const fakes = appsScriptFakes({ locale: 'ja_JP' });
    const loaded = loadCode(fakes);
    for (const [args, expected] of calls) expect(loaded.call(name, ...args)).toEqual(expected);
    expect(fakes.calls).toEqual([]);
  });

  test.each(Object.entries(customCases))('%s explains a bad argument in the sheet’s language', (name, { bad }) => {
    const ja = errorShown('ja_JP', name, ...bad);
    const en = errorShown('en_US', name, ...bad);
    expect(ja).toMatch(JAPANESE);
    expect(en).not.toMatch(JAPANESE);
    expect(en.length).toBeGreaterThan(0);
    // Without a spreadsheet to ask, the message falls back to English.
    expect(errorShown(undefined, name, ...bad)).toBe(en);
  });
});

describe('menu and sidebar entry points', () => {
  const MENU_CALLS = [
    'SpreadsheetApp.getUi',
    'Ui.createAddonMenu',
    'Menu.addItem',
    'Menu.addItem',
    'Menu.addItem',
    'Menu.addItem',
    'Menu.addItem',
    'Menu.addToUi',
  ];

  function run(name: string, ...args: unknown[]): Call[] {
    const fakes = appsScriptFakes();
    loadCode(fakes).call(name, ...args);
    return fakes.calls;
  }

  function sidebarShown(calls: Call[]) {
    const shown = calls.filter(([what]) => what === 'Ui.showSidebar');
    expect(shown).toHaveLength(1);
    return htmlOf(shown[0][1]);
  }

  /** Calls a sidebar RPC through the bundle; a KpiError must arrive as the marked JSON. */
  function rpc(name: string, ...args: unknown[]): { result?: unknown; failure?: RpcFailure; calls: string[] } {
    const fakes = appsScriptFakes({ locale: 'ja_JP' });
    const calls = () => fakes.calls.map(([what]) => what);
    try {
      return { result: loadCode(fakes).call(name, ...args), calls: calls() };
    } catch (error) {
      const message = (error as Error).message;
      expect(message.startsWith(RPC_ERROR_MARKER)).toBe(true);
      return { failure: JSON.parse(message.slice(RPC_ERROR_MARKER.length)) as RpcFailure, calls: calls() };
    }
  }

  /** How each non-custom entry point is checked; every entry point must have one. */
  const entryCases: Record<string, () => void> = {
    onOpen: () => {
      const calls = run('onOpen', { authMode: 'NONE' });
      expect(calls.map(([what]) => what)).toEqual(MENU_CALLS);
      const items = calls.filter(([what]) => what === 'Menu.addItem').map(([, label, fn]) => [label, fn]);
      expect(items.map(([, fn]) => fn)).toEqual(['showSidebar', 'showNewTree', 'refreshBottlenecks', 'showMonthClose', 'showHelp']);
      for (const [label, fn] of items) {
        expect(label).toMatch(/^[\x20-\x7e…]+ \/ .*/);
        expect(label).toMatch(JAPANESE);
        expect(entryNames).toContain(fn);
      }
    },
    onInstall: () => {
      expect(run('onInstall', { authMode: 'FULL' }).map(([what]) => what)).toEqual(MENU_CALLS);
    },
    showSidebar: () => expect(sidebarShown(run('showSidebar'))).toEqual({ file: 'Sidebar', title: 'KPI Tree' }),
    // Menu items open the sidebar on their own view, named by a tag appended to its HTML.
    showNewTree: () => expect(sidebarShown(run('showNewTree'))).toEqual({ file: 'Sidebar', title: 'KPI Tree', appended: sidebarViewTag('new') }),
    refreshBottlenecks: () =>
      expect(sidebarShown(run('refreshBottlenecks'))).toEqual({ file: 'Sidebar', title: 'KPI Tree', appended: sidebarViewTag('status') }),
    showMonthClose: () => expect(sidebarShown(run('showMonthClose'))).toEqual({ file: 'Sidebar', title: 'KPI Tree', appended: sidebarViewTag('month') }),
    getContext: () => {
      expect(rpc('getContext').result).toEqual({ lang: 'ja', trees: [], activeTree: null });
    },
    buildTree: () => {
      const { failure } = rpc('buildTree', { templateId: 'nope', lang: 'ja', kgi: 1e9, inputs: {}, fiscalYear: 2026, startMonth: 4, seasonality: null });
      expect(failure?.field).toBe('templateId');
      expect(failure?.text.ja).toMatch(JAPANESE);
    },
    getTreeStatus: () => expect(rpc('getTreeStatus', 'Sheet1').failure?.field).toBe('sheet'),
    openSheet: () => expect(rpc('openSheet', 'Sheet1').failure?.text.en).toMatch(/not a KPI-tree sheet/),
    // The year's cycle reads the tree first: on a sheet that is not one, each refuses, naming it.
    closeMonth: () => {
      const { failure, calls } = rpc('closeMonth', 'Sheet1', false);
      expect(failure?.field).toBe('sheet');
      // The lock is released even when the work inside it refuses.
      expect(calls.filter((c) => c.startsWith('Lock.'))).toEqual(['Lock.tryLock', 'Lock.releaseLock']);
    },
    addProcessKpi: () => expect(rpc('addProcessKpi', 'Sheet1', { parent: 'leads', label: { en: 'x', ja: 'x' }, definition: { en: '', ja: '' }, plan: 1, lowerIsBetter: false }).failure?.field).toBe('sheet'),
    applyWhatIf: () => expect(rpc('applyWhatIf', 'Sheet1', { inputs: {} }).failure?.field).toBe('sheet'),
    rolloverYear: () => expect(rpc('rolloverYear', 'Sheet1').failure?.field).toBe('sheet'),
    updateTree: () => expect(rpc('updateTree', 'Sheet1', { kgi: 2e9 }).failure?.field).toBe('sheet'),
    setOwnerProtection: () => expect(rpc('setOwnerProtection', 'Sheet1', true).failure?.field).toBe('sheet'),
    showHelp: () => {
      const dialogs = run('showHelp').filter(([what]) => what === 'Ui.showModelessDialog');
      expect(dialogs).toHaveLength(1);
      expect(dialogs[0][2]).toBe('KPI Tree — Help / ヘルプ');
      const shown = htmlOf(dialogs[0][1]);
      expect(shown).toEqual({ file: 'Help', width: 480, height: 360 });
      const html = readFileSync(join(root, `dist/${shown.file}.html`), 'utf8');
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toContain('{{');
      const text = htmlText(html);
      for (const name of customNames) {
        const doc = docOf(name);
        expect(text).toContain(name);
        expect(text).toContain(doc.example);
        expect(text).toContain(doc.description.en);
        expect(text).toContain(doc.description.ja);
      }
      expect(text).toMatch(JAPANESE);
    },
  };

  test('every entry point is either a custom function or has a case here', () => {
    expect([...entryNames].sort()).toEqual([...customNames, ...Object.keys(entryCases)].sort());
  });

  test.each(Object.entries(entryCases))('%s', (_name, check) => check());

  test('the sidebar the menu opens is built', () => {
    const html = readFileSync(join(root, 'dist/Sidebar.html'), 'utf8');
    expect(html).toMatch(/<html/i);
    expect(html).not.toContain('{{');
  });
});

describe('top-level wrappers', () => {
  test.each(entryNames)('%s forwards `this` and every argument to the bundle', (name) => {
    const loaded = loadCode();
    const received: { self: unknown; args: unknown[] }[] = [];
    bundleOf(loaded).globals[name] = function (this: unknown, ...args: unknown[]) {
      received.push({ self: this, args });
      return 'result';
    };
    const event = { authMode: 'NONE', source: {} };
    const self = {};
    const wrapper = loaded.context[name] as (...args: unknown[]) => unknown;
    expect(wrapper.call(self, event, 1, 2, 3, 4, 5, 6)).toBe('result');
    expect(received).toEqual([{ self, args: [event, 1, 2, 3, 4, 5, 6] }]);
    expect(received[0].args[0]).toBe(event);
  });
});

describe('Code.js as Apps Script reads it', () => {
  const comments: Comment[] = [];
  // ES2019 is the build target: a newer construct in the bundle fails here.
  const program = parse(code, { ecmaVersion: 2019, sourceType: 'script', onComment: comments });
  const declarations = new Map(
    program.body
      .filter((node): node is FunctionDeclaration => node.type === 'FunctionDeclaration')
      .map((node) => [node.id.name, node]),
  );

  /** The block comment right before a declaration, with only whitespace between. */
  function jsDocOf(node: FunctionDeclaration): string {
    const doc = comments.find((c) => c.type === 'Block' && code.slice(c.end, node.start).trim() === '');
    if (!doc || !doc.value.startsWith('*')) throw new Error(`${node.id.name} has no JSDoc`);
    return doc.value;
  }

  test('the top-level functions are exactly the entry points', () => {
    expect([...declarations.keys()].sort()).toEqual([...entryNames].sort());
  });

  test.each(customNames)('%s is declared with its @customfunction JSDoc', (name) => {
    const node = declarations.get(name)!;
    const doc = jsDocOf(node);
    const spec = docOf(name);
    expect(doc).toContain('@customfunction');
    expect(doc).toContain('@return ');
    const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
    expect(doc).toContain(oneLine(spec.description.en));
    expect(doc).toContain(oneLine(spec.description.ja));
    expect(node.params.length).toBeGreaterThanOrEqual(spec.params.length);
    for (const param of node.params) {
      expect(param.type).toBe('Identifier');
      const paramName = (param as { name: string }).name;
      expect(doc).toMatch(new RegExp(`@param \\{[^}]+\\} ${paramName} \\S`));
    }
  });

  test.each(entryNames.filter((name) => !customNames.includes(name)))(
    '%s has JSDoc but is not offered as a custom function',
    (name) => {
      expect(jsDocOf(declarations.get(name)!)).not.toContain('@customfunction');
    },
  );

  const runtime = comments.reduceRight((text, c) => text.slice(0, c.start) + text.slice(c.end), code);

  test('templates and sheet words are read from their data file, not loaded with every call', () => {
    for (const template of VOCABULARY.templates) {
      expect(runtime).not.toContain(template.name.ja);
      for (const node of template.nodes) expect(runtime).not.toContain(node.definition.ja);
    }
    for (const words of Object.values(VOCABULARY.words)) expect(runtime).not.toContain(words.headerNotes.recoverable);
    expect(JSON.parse(readFileSync(join(root, 'dist/Vocabulary.html'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(VOCABULARY)));
  });

  test('the help text is only in the JSDoc, not in the runtime bundle', () => {
    for (const name of docNames) {
      const doc = docOf(name);
      for (const text of [doc.description, doc.returns, ...doc.params.map((p) => p.description)]) {
        expect(runtime).not.toContain(text.en);
        expect(runtime).not.toContain(text.ja);
      }
    }
  });

  test('no template runtime and no code built from strings', () => {
    expect(code).not.toMatch(/handlebars/i);
    const calls: string[] = [];
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(visit);
      if (typeof value !== 'object' || value === null) return;
      const node = value as Node & { callee?: { type: string; name?: string } };
      if ((node.type === 'CallExpression' || node.type === 'NewExpression') && node.callee?.type === 'Identifier') {
        calls.push(node.callee.name!);
      }
      Object.values(node).forEach(visit);
    };
    visit(program);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls).not.toContain('eval');
    expect(calls).not.toContain('Function');
  });

  test('stays within the 120 KB budget', () => {
    expect(Buffer.byteLength(code)).toBeLessThanOrEqual(120 * 1024);
  });
});

describe('project files', () => {
  test('the manifest is the V8 runtime with only the two narrow scopes', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'dist/appsscript.json'), 'utf8'));
    expect(manifest).toEqual(JSON.parse(readFileSync(join(root, 'appsscript.json'), 'utf8')));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
    ]);
  });

  test('clasp pushes dist/', () => {
    expect(JSON.parse(readFileSync(join(root, '.clasp.json'), 'utf8')).rootDir).toBe('dist');
  });

  test.each(customNames)('README has a section on %s', (name) => {
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toMatch(new RegExp(`^#{2,4} .*\\b${name}\\b`, 'm'));
  });
});
