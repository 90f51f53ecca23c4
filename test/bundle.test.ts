/**
 * Tests the built dist/ (`npm test` builds first) the way Apps Script runs it: Code.js in a
 * fresh V8 context holding only the services a call may use, every entry point called by its
 * global name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Comment, type FunctionDeclaration, type Node, parse } from 'acorn';
import { CODE_BUDGET } from '../build/budgets.mjs';
import { codePath, loadCode } from '../build/loadCode.mjs';
import { UserProperties } from '../build/sheets/userProperties';
import { KEY_MARKER } from '../src/core/sheet/schema';
import { VOCABULARY } from '../src/core/vocabulary';
import { FUNCTION_DOCS, type FunctionName } from '../src/functions/docs';
import { type BuildResult, RPC_ERROR_MARKER, type RpcFailure, type SidebarContext, sidebarViewTag, type TreeStatus } from '../src/rpc';
import { HELP_DIALOG, JAPANESE_FIRST } from '../src/server/menu';
import { appsScriptFakes, type Call, htmlOf } from './support/appsScriptFakes';
import { processKpi, request } from './support/treeSheet';

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

/**
 * What a sidebar RPC gives `google.script.run`: its result, or a KpiError as the marked JSON
 * the client decodes. Any other failure is a bug and fails the test.
 */
function outcome(run: () => unknown): { result?: unknown; failure?: RpcFailure } {
  try {
    return { result: run() };
  } catch (error) {
    const message = (error as Error).message;
    if (!message.startsWith(RPC_ERROR_MARKER)) throw error;
    return { failure: JSON.parse(message.slice(RPC_ERROR_MARKER.length)) as RpcFailure };
  }
}

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
      [
        [[[1_000_000_000], [500_000_000]], 2_000_000, 0.3, 0.2],
        [[8335], [4170]],
      ],
    ],
    bad: [1_000_000_000, 0],
  },
  KPI_FUNNEL: {
    calls: [
      [
        [1_000_000_000, [[2_000_000], [0.3], [0.2]]],
        [[1_000_000_000], [500], [1667], [8335]],
      ],
    ],
    bad: [1_000_000_000, [[2_000_000]], 'sometimes'],
  },
  KPI_FORWARD: {
    // 50 deals a month × 12 × 30% × ¥2,000,000: ¥360m, 36% of a ¥1bn KGI.
    calls: [[[600, 0.3, 2_000_000], 360_000_000]],
    bad: [600, 'thirty'],
  },
  KPI_ACHIEVEMENT: {
    calls: [
      [
        [
          [[90], [110]],
          [[100], [100]],
        ],
        [[0.9], [1.1]],
      ],
      [[0.05, 0.04, true], 0.8],
    ],
    bad: [[[1], [2]], [[1]]],
  },
  KPI_IMPACT: {
    calls: [
      [
        [[[100], [0.3]], [[80], [0.3]], 24],
        [[6], [0]],
      ],
    ],
    bad: [[[1]], [[-1]]],
  },
  KPI_BOTTLENECK: {
    calls: [
      [
        [
          [['leads'], ['deal rate'], ['win rate']],
          [[1000], [0.2], [0.3]],
          [[900], [0.1], [0.3]],
        ],
        'deal rate',
      ],
    ],
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
    calls: [
      [
        [
          [[10], [20], [''], ['']],
          [[15], [15], [15], [15]],
        ],
        60,
      ],
    ],
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
    expect(fakes.sheets.calls).toEqual([]);
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
  const LINK_RULE = { sheet: 'Deals', date: 'Created', conditions: [{ column: 'Stage', values: ['Won'] }], amount: null, owner: null };
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
    return runIn({}, name, ...args);
  }

  function runIn(options: Parameters<typeof appsScriptFakes>[0], name: string, ...args: unknown[]): Call[] {
    const fakes = appsScriptFakes(options);
    loadCode(fakes).call(name, ...args);
    return fakes.calls;
  }

  function sidebarShown(calls: Call[]) {
    const shown = calls.filter(([what]) => what === 'Ui.showSidebar');
    expect(shown).toHaveLength(1);
    return htmlOf(shown[0][1]);
  }

  /**
   * Calls a sidebar RPC through the bundle on a new spreadsheet (only 'Sheet1'); a KpiError
   * must arrive as the marked JSON. `calls` are the spreadsheet services' calls.
   */
  function rpc(name: string, ...args: unknown[]): { result?: unknown; failure?: RpcFailure; calls: readonly string[] } {
    const fakes = appsScriptFakes({ locale: 'ja_JP' });
    const loaded = loadCode(fakes);
    fakes.enter(loaded);
    return { ...outcome(() => loaded.call(name, ...args)), calls: fakes.sheets.calls };
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
    showNewTree: () =>
      expect(sidebarShown(run('showNewTree'))).toEqual({ file: 'Sidebar', title: 'KPI Tree', appended: sidebarViewTag('new') }),
    refreshBottlenecks: () =>
      expect(sidebarShown(run('refreshBottlenecks'))).toEqual({ file: 'Sidebar', title: 'KPI Tree', appended: sidebarViewTag('status') }),
    showMonthClose: () =>
      expect(sidebarShown(run('showMonthClose'))).toEqual({ file: 'Sidebar', title: 'KPI Tree', appended: sidebarViewTag('month') }),
    getContext: () => {
      expect(rpc('getContext').result).toEqual({ lang: 'ja', trees: [], activeTree: null });
    },
    // The person's language outlives the sidebar (their user properties), in any spreadsheet.
    setLanguage: () => {
      const people = new UserProperties();
      const call = (name: string, ...args: unknown[]) => {
        const fakes = appsScriptFakes({ locale: 'ja_JP', userProperties: people });
        const loaded = loadCode(fakes);
        fakes.enter(loaded);
        return outcome(() => loaded.call(name, ...args));
      };
      expect(call('setLanguage', 'en').failure).toBeUndefined();
      expect(call('getContext').result).toEqual({ lang: 'en', trees: [], activeTree: null });
      expect(call('setLanguage', 'fr').failure?.field).toBe('lang');
    },
    buildTree: () => {
      const { failure } = rpc('buildTree', { ...request({ lang: 'ja' }), templateId: 'nope' });
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
    addProcessKpi: () => expect(rpc('addProcessKpi', 'Sheet1', processKpi()).failure?.field).toBe('sheet'),
    applyWhatIf: () => expect(rpc('applyWhatIf', 'Sheet1', { inputs: {} }).failure?.field).toBe('sheet'),
    rolloverYear: () => expect(rpc('rolloverYear', 'Sheet1').failure?.field).toBe('sheet'),
    updateTree: () => expect(rpc('updateTree', 'Sheet1', { kgi: 2e9 }).failure?.field).toBe('sheet'),
    setOwnerProtection: () => expect(rpc('setOwnerProtection', 'Sheet1', true).failure?.field).toBe('sheet'),
    getDesignCheck: () => expect(rpc('getDesignCheck', 'Sheet1').failure?.field).toBe('sheet'),
    getTeam: () => expect(rpc('getTeam', 'Sheet1').failure?.field).toBe('sheet'),
    refreshTeam: () => expect(rpc('refreshTeam', 'Sheet1').failure?.field).toBe('sheet'),
    splitTeamEvenly: () => expect(rpc('splitTeamEvenly', 'Sheet1').failure?.field).toBe('sheet'),
    // An import never replaces a sheet it did not make; a chunk or finish of an unknown run is refused.
    startImport: () => {
      const { failure } = rpc('startImport', { sheetName: 'Sheet1', fileName: 'deals.csv', header: ['Owner'], types: ['text'], rows: 1 });
      expect(failure?.field).toBe('sheetName');
      expect(failure?.text.ja).toMatch(JAPANESE);
    },
    importRows: () => expect(rpc('importRows', { pending: 'Sheet1', id: 'x' }, 2, [['Sato']]).failure?.field).toBe('file'),
    finishImport: () => expect(rpc('finishImport', { pending: 'Sheet1', id: 'x' }).failure?.field).toBe('file'),
    cancelImport: () => expect(rpc('cancelImport', { pending: 'Sheet1', id: 'x' }).failure).toBeUndefined(),
    // Linking reads the tree first too: on a sheet that is not one, each refuses, naming it, in Japanese as well.
    getLinks: () => expect(rpc('getLinks', 'Sheet1').failure?.field).toBe('sheet'),
    previewLink: () => expect(rpc('previewLink', 'Sheet1', 'deals', LINK_RULE).failure?.field).toBe('sheet'),
    linkNode: () => {
      const { failure } = rpc('linkNode', 'Sheet1', 'deals', LINK_RULE);
      expect(failure?.field).toBe('sheet');
      expect(failure?.text.ja).toMatch(JAPANESE);
    },
    unlinkNode: () => expect(rpc('unlinkNode', 'Sheet1', 'deals').failure?.field).toBe('sheet'),
    showHelp: () => {
      const dialogs = runIn({ locale: 'en_US' }, 'showHelp').filter(([what]) => what === 'Ui.showModelessDialog');
      expect(dialogs).toHaveLength(1);
      expect(dialogs[0][2]).toBe('KPI Tree — Help / ヘルプ');
      const shown = htmlOf(dialogs[0][1]);
      expect(shown).toEqual({ file: 'Help', ...HELP_DIALOG });
      // A Japanese spreadsheet's help shows its Japanese section first.
      const japanese = runIn({ locale: 'ja_JP' }, 'showHelp').filter(([what]) => what === 'Ui.showModelessDialog');
      expect(htmlOf(japanese[0][1])).toEqual({ file: 'Help', ...HELP_DIALOG, appended: JAPANESE_FIRST });
      const html = readFileSync(join(root, `dist/${shown.file}.html`), 'utf8');
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toContain('{{');
      const text = htmlText(html);
      for (const name of customNames) {
        const doc = docOf(name);
        expect(text).toContain(name);
        expect(text).toContain(doc.example);
        expect(text).toContain(doc.result);
        expect(text).toContain(doc.question.en);
        expect(text).toContain(doc.question.ja);
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

describe('the Apps Script edge, as built', () => {
  const APRIL = { revenue: 56_000_000, orders: 28, deals: 139, leads: 695, visits: 2778 };
  /** The calls that write cells: one each on a build, however large the tree. */
  const CELL_WRITES = ['Range.setValues', 'Range.setNumberFormats', 'Range.setBackgrounds'];
  /**
   * Apps Script calls a build or an update may make, all told: room for a few more, none for
   * a call per cell (or per row of a larger tree) creeping in. Whole-number rules are custom
   * formulas (Apps Script has no whole-number criterion), one rule per rectangle of cells: the
   * KGI and the block of actuals.
   */
  const CALL_BUDGET = 190;
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

  /**
   * One spreadsheet (en_US, owned by owner@example.com) with the built Code.js loaded over it:
   * the sidebar's calls go through the top-level functions, a person's typing through the fake.
   */
  function workbook() {
    const fakes = appsScriptFakes({ locale: 'en_US' });
    const loaded = loadCode(fakes);
    fakes.enter(loaded);
    const { sheets } = fakes;
    /** A sidebar call that must succeed; a refusal fails the test with its text. */
    const ok = <T>(name: string, ...args: unknown[]): T => {
      const { result, failure } = outcome(() => loaded.call(name, ...args));
      if (failure) throw new Error(`${name} refused: ${failure.text.en}`);
      return result as T;
    };
    const refused = (name: string, ...args: unknown[]): RpcFailure => {
      const { failure } = outcome(() => loaded.call(name, ...args));
      if (!failure) throw new Error(`${name} was not refused`);
      return failure;
    };
    // Cells are found as the add-on finds them: rows by the node id in column A, columns by the
    // key row (marked `@key` in column A), settings by the `@name=row,column` places it holds.
    const rowOf = (sheet: string, nodeId: string) => {
      const row = sheets.values(sheet).findIndex((r) => r[0] === nodeId);
      if (row < 0) throw new Error(`no row for ${nodeId}`);
      return row + 1;
    };
    const keyRow = (sheet: string) => sheets.values(sheet).find((r) => r[0] === KEY_MARKER)!;
    const columnOf = (sheet: string, key: string) => {
      // Over the actuals the key row holds the fiscal month number.
      const month = /^actual_(\d+)$/.exec(key);
      const column = keyRow(sheet).indexOf(month ? Number(month[1]) : key);
      if (column < 0) throw new Error(`no column ${key}`);
      return column + 1;
    };
    const settingAt = (sheet: string, key: string): [number, number] => {
      const place = keyRow(sheet)
        .map(String)
        .find((k) => k.startsWith(`@${key}=`));
      if (!place) throw new Error(`no setting ${key}`);
      const [row, column] = place
        .slice(key.length + 2)
        .split(',')
        .map(Number);
      return [row, column];
    };
    const cell = (sheet: string, nodeId: string, key: string): [number, number] => [rowOf(sheet, nodeId), columnOf(sheet, key)];
    const type = (sheet: string, nodeId: string, key: string, input: string) => sheets.edit(sheet, ...cell(sheet, nodeId, key), input);
    const value = (sheet: string, nodeId: string, key: string) => sheets.valueAt(sheet, ...cell(sheet, nodeId, key));
    const rangeProtections = (sheet: string) => sheets.protections(sheet).filter((p) => p.type === 'RANGE');
    /** The tree's node ids in sheet order: column A below the key row, markers (`@…`) aside. */
    const nodeIds = (sheet: string) =>
      sheets
        .values(sheet)
        .map((r) => r[0])
        .filter((id): id is string => typeof id === 'string' && id !== '' && !id.startsWith('@'));

    sheets.resetCalls();
    const built = ok<BuildResult>('buildTree', request());
    const buildCalls = sheets.countsByMethod();
    const tree = built.sheetName;
    // The bottleneck is read for April whatever today is (the bundle's clock is the real one).
    sheets.edit(tree, ...settingAt(tree, 'period'), '2026-04');
    for (const [id, v] of Object.entries(APRIL)) type(tree, id, 'actual_1', String(v));
    return { sheets, ok, refused, built, buildCalls, tree, rowOf, settingAt, cell, type, value, rangeProtections, nodeIds };
  }

  test('builds a tree that the sidebar lists, and names the bottleneck of the actuals typed', () => {
    const { sheets, ok, built, buildCalls, tree } = workbook();
    expect(built.sheetId).toBe(sheets.gid(tree));
    expect(built.url).toMatch(new RegExp(`#gid=${built.sheetId}$`));
    expect(sheets.sheetNames()).toEqual(['Sheet1', tree]);
    // A build writes each property of its cells in one batched call, however large the tree.
    for (const method of CELL_WRITES) expect([method, buildCalls[method]]).toEqual([method, 1]);
    expect(total(buildCalls)).toBeLessThanOrEqual(CALL_BUDGET);

    expect(ok<SidebarContext>('getContext')).toEqual({
      lang: 'en',
      trees: [{ sheetName: tree, templateId: 'new_business', lang: 'en', fiscalYear: 2026 }],
      activeTree: tree,
    });
    const status = ok<TreeStatus>('getTreeStatus', tree);
    expect(status.period).toBe('2026-04');
    // 28 orders of 139 deals is a 20% win rate against 30% planned: the stage to fix.
    expect(status.bottleneck?.nodeId).toBe('win_rate');
    expect(status.ownerProtection).toBe(false);
  });

  test('updates the tree in place: same sheet, typed actuals and a typed formula kept', () => {
    const { sheets, ok, built, tree, cell, type, value, settingAt } = workbook();
    sheets.edit('Sheet1', 1, 1, '31');
    type(tree, 'orders', 'actual_2', '=Sheet1!A1');
    const gid = sheets.gid(tree);

    sheets.resetCalls();
    const updated = ok<BuildResult>('updateTree', tree, { kgi: 2_000_000_000 });
    const updateCalls = sheets.countsByMethod();
    expect(updated).toEqual(built);
    expect(sheets.gid(tree)).toBe(gid);
    expect(sheets.sheetNames()).toEqual(['Sheet1', tree]);
    expect(sheets.valueAt(tree, ...settingAt(tree, 'kgi'))).toBe(2_000_000_000);
    for (const [id, v] of Object.entries(APRIL)) expect([id, value(tree, id, 'actual_1')]).toEqual([id, v]);
    expect(sheets.formulaAt(tree, ...cell(tree, 'orders', 'actual_2'))).toBe('=Sheet1!A1');
    expect(value(tree, 'orders', 'actual_2')).toBe(31);
    // In place, an update rewrites only the frame's formats and the cells that differ.
    expect(updateCalls['Spreadsheet.insertSheet']).toBeUndefined();
    expect(updateCalls['Spreadsheet.deleteSheet']).toBeUndefined();
    for (const method of ['Range.setNumberFormats', 'Range.setBackgrounds']) expect([method, updateCalls[method]]).toEqual([method, 1]);
    expect(updateCalls['Range.setValues']).toBeGreaterThanOrEqual(1);
    expect(total(updateCalls)).toBeLessThanOrEqual(CALL_BUDGET);
  });

  test('what-if writes only the planned value it changes', () => {
    const { sheets, ok, tree, cell, value } = workbook();
    const constants = () => {
      const values = sheets.values(tree);
      return values.map((row, r) => row.map((v, c) => (sheets.formulaAt(tree, r + 1, c + 1) === null ? v : null)));
    };
    const before = constants();
    sheets.resetCalls();
    // Deal rate is already 20%: only the win rate's cell changes.
    expect(ok('applyWhatIf', tree, { inputs: { win_rate: 0.25, deal_rate: 0.2 }, kgi: 1_000_000_000 })).toEqual(['win_rate']);
    expect(sheets.calls.filter((c) => c === 'Range.setValues')).toHaveLength(1);
    const after = constants();
    const changed = after.flatMap((row, r) => row.flatMap((v, c) => (v === before[r]?.[c] ? [] : [[r + 1, c + 1]])));
    expect(changed).toEqual([cell(tree, 'win_rate', 'plan_input')]);
    expect(value(tree, 'win_rate', 'plan_input')).toBe(0.25);
  });

  test('closing a month appends its rows to History and leaves the manager on the tree', () => {
    const { sheets, ok, tree, nodeIds } = workbook();
    // With nothing recorded yet, the first fiscal month closes first, whatever today is.
    expect(ok('closeMonth', tree, true)).toMatchObject({ closed: true, month: '2026-04', revision: 1 });
    const [history] = sheets.sheetNames().filter((n) => n !== 'Sheet1' && n !== tree);
    expect(history).toBeDefined();
    expect(sheets.activeSheetName()).toBe(tree);
    const rows = sheets.values(history);
    // A header, then one row per node of the tree, April's figures as the sheet had them.
    expect(rows.slice(1).map((r) => [r[1], r[2], r[3], r[4]])).toEqual(nodeIds(tree).map((id) => [tree, '2026-04', 1, id]));
    expect(rows.find((r) => r[4] === 'orders')?.[8]).toBe(APRIL.orders);

    // A second close appends below; the first month's rows are never rewritten.
    expect(ok('closeMonth', tree, true)).toMatchObject({ closed: true });
    expect(sheets.values(history).slice(0, rows.length)).toEqual(rows);
    expect(sheets.values(history)).toHaveLength(rows.length + nodeIds(tree).length);
  });

  test('owner protection: range protections on, then off; someone else’s cannot be turned off', () => {
    const { sheets, ok, refused, tree, type, rangeProtections, rowOf } = workbook();
    type(tree, 'orders', 'owner', 'sato@example.co.jp');
    expect(ok('setOwnerProtection', tree, true)).toBe(1);
    const on = rangeProtections(tree);
    expect(on.length).toBeGreaterThan(0);
    for (const p of on) {
      expect(p.range.row).toBe(rowOf(tree, 'orders'));
      expect(p.editors).toContain('sato@example.co.jp');
    }
    expect(ok<TreeStatus>('getTreeStatus', tree).ownerProtection).toBe(true);
    expect(ok('setOwnerProtection', tree, false)).toBe(0);
    expect(rangeProtections(tree)).toEqual([]);

    // Bob turns it on; Carol, who is not an editor of Bob's protections, cannot turn it off.
    sheets.as('bob@example.com');
    ok('setOwnerProtection', tree, true);
    const bobs = rangeProtections(tree);
    expect(bobs.length).toBeGreaterThan(0);
    sheets.as('carol@example.com');
    const failure = refused('setOwnerProtection', tree, false);
    expect(failure.field).toBe('ownerProtection');
    expect(failure.text.en).toMatch(/the rows of Orders can be edited only by .*sato@example\.co\.jp.*Nothing was changed/);
    expect(failure.text.ja).toMatch(JAPANESE);
    expect(rangeProtections(tree)).toEqual(bobs);
    expect(ok<TreeStatus>('getTreeStatus', tree).ownerProtection).toBe(true);
  });

  test('rolls over to next year’s tree once; rolling over again opens it', () => {
    const { sheets, ok, tree, value, type, settingAt } = workbook();
    type(tree, 'orders', 'owner', 'Sato');
    const next = ok<BuildResult>('rolloverYear', tree);
    expect(next.sheetName).not.toBe(tree);
    expect(sheets.sheetNames()).toEqual(['Sheet1', tree, next.sheetName]);
    expect(next.sheetId).toBe(sheets.gid(next.sheetName));
    // Next year keeps the owners and starts without actuals; this year's stay.
    expect(sheets.valueAt(next.sheetName, ...settingAt(next.sheetName, 'fiscalYear'))).toBe(2027);
    expect(value(next.sheetName, 'orders', 'owner')).toBe('Sato');
    expect(value(next.sheetName, 'orders', 'actual_1')).toBe('');
    expect(value(tree, 'orders', 'actual_1')).toBe(APRIL.orders);
    expect(ok<SidebarContext>('getContext').trees.map((t) => [t.sheetName, t.fiscalYear])).toEqual([
      [tree, 2026],
      [next.sheetName, 2027],
    ]);

    expect(ok<BuildResult>('rolloverYear', tree)).toEqual(next);
    expect(sheets.sheetNames()).toEqual(['Sheet1', tree, next.sheetName]);
  });

  test('adds a process KPI in place, its row under the node it feeds', () => {
    const { sheets, ok, built, tree, rowOf, value } = workbook();
    const added = ok<BuildResult>('addProcessKpi', tree, processKpi());
    expect(added).toEqual(built);
    expect(sheets.sheetNames()).toEqual(['Sheet1', tree]);
    expect(rowOf(tree, 'kpi_1')).toBeGreaterThan(rowOf(tree, 'leads'));
    expect(value(tree, 'kpi_1', 'label')).toBe('Referrals');
    expect(value(tree, 'orders', 'actual_1')).toBe(APRIL.orders);
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
    program.body.filter((node): node is FunctionDeclaration => node.type === 'FunctionDeclaration').map((node) => [node.id.name, node]),
  );

  /** The block comment right before a declaration, with only whitespace between. */
  function jsDocOf(node: FunctionDeclaration): string {
    const doc = comments.find((c) => c.type === 'Block' && code.slice(c.end, node.start).trim() === '');
    if (!doc?.value.startsWith('*')) throw new Error(`${node.id.name} has no JSDoc`);
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

  test.each(entryNames.filter((name) => !customNames.includes(name)))('%s has JSDoc but is not offered as a custom function', (name) => {
    expect(jsDocOf(declarations.get(name)!)).not.toContain('@customfunction');
  });

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
      if (Array.isArray(value)) {
        value.forEach(visit);
        return;
      }
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
    expect(Buffer.byteLength(code)).toBeLessThanOrEqual(CODE_BUDGET);
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
