/**
 * Recording fakes of the Apps Script services the add-on's edge uses, as globals for the built
 * Code.js. Each fake is strict: touching a member it does not define throws, so code that
 * reaches for more than a test expects (a script or document property store, the document in
 * AuthMode.NONE) fails loudly. The UI and HtmlService are recorded here; the spreadsheet (with
 * LockService, Session and Utilities) is the data-holding strict fake of
 * build/sheets/spreadsheet.ts, the person's own settings that of build/sheets/userProperties.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFakeSheets, type FakeSheets } from '../../build/sheets/spreadsheet';
import { UserProperties } from '../../build/sheets/userProperties';

/** The built project files HtmlService reads (`npm test` builds first). */
const distDir = join(__dirname, '../../dist');

export type Call = readonly [string, ...unknown[]];

type Methods = Record<string, (...args: never[]) => unknown>;

function strictFake<T extends Methods>(name: string, methods: T, calls: Call[]): T {
  return new Proxy(methods, {
    get(target, prop) {
      if (typeof prop === 'symbol') return undefined;
      const method = target[prop];
      if (!method) throw new Error(`Unexpected use of ${name}.${prop}`);
      return (...args: never[]) => {
        calls.push([`${name}.${prop}`, ...args]);
        return method(...args);
      };
    },
  });
}

/** What HtmlService produced: enough to check which file is shown, and how. */
export interface FakeHtmlOutput {
  readonly file: string;
  title?: string;
  width?: number;
  height?: number;
  /** HTML appended after the file's content. */
  appended?: string;
}

const htmlOutputs = new WeakMap<object, FakeHtmlOutput>();

function htmlOutput(output: FakeHtmlOutput, calls: Call[]) {
  const self: Methods = strictFake(
    'HtmlOutput',
    {
      setTitle: (title: string) => {
        output.title = title;
        return self;
      },
      setWidth: (width: number) => {
        output.width = width;
        return self;
      },
      setHeight: (height: number) => {
        output.height = height;
        return self;
      },
      append: (html: string) => {
        output.appended = (output.appended ?? '') + html;
        return self;
      },
    },
    calls,
  );
  htmlOutputs.set(self, output);
  return self;
}

/** What was built into an HtmlOutput that the code under test passed on (e.g. to showSidebar). */
export function htmlOf(output: unknown): FakeHtmlOutput {
  const built = typeof output === 'object' && output !== null ? htmlOutputs.get(output) : undefined;
  if (!built) throw new Error('Not an HtmlOutput from HtmlService');
  return built;
}

export interface FakeOptions {
  /** The spreadsheet's locale; leave out to make `getActiveSpreadsheet` unavailable. */
  readonly locale?: string;
  /**
   * The spreadsheet the code works on (its own locale applies); by default a new one, holding
   * only `Sheet1`, in `locale`.
   */
  readonly sheets?: FakeSheets;
  /** The people's user property stores, kept across loads of the code (a new one by default). */
  readonly userProperties?: UserProperties;
}

/** The script's realm, as `loadCode` returns it: `inRealm` copies a Date into it. */
export interface ScriptRealm {
  inRealm<T>(value: T): T;
}

const isDate = (value: unknown): value is Date => Object.prototype.toString.call(value) === '[object Date]';

/**
 * Code.js runs in its own V8 realm (build/loadCode.mjs) while FakeSheets runs in Jest's; in
 * Apps Script both sides share one. So values crossing the spreadsheet services are carried
 * into the receiving realm: Dates are copied (the fake's `instanceof Date` and the bundle's must
 * both hold), arrays going to the fake are rebuilt in Jest's realm (HyperFormula checks
 * `instanceof Array`), and every object the fake hands out is wrapped so that what the script
 * passes back is the fake's own object again. Arrays going to the script stay Jest's
 * (`Array.isArray` holds across realms; loadCode's own copy does the same). Dates going to the
 * script need its realm: `enter` it after `loadCode`.
 */
function realmBridge() {
  let script: ScriptRealm | null = null;
  const wrapped = new WeakMap<object, object>();
  const original = new WeakMap<object, object>();

  /** Script → fake. */
  const toFake = (value: unknown): unknown => {
    // Array.from, not map: a script array's map makes another array of the script's realm.
    if (Array.isArray(value)) return Array.from(value, toFake);
    if (isDate(value)) return new Date(value.getTime());
    if (typeof value === 'object' && value !== null) return original.get(value) ?? value;
    return value;
  };

  /** Fake → script. */
  const toScript = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(toScript);
    if (isDate(value)) {
      if (!script) throw new Error('A Date would reach the script from outside its realm: enter the realm (loadCode) first');
      return script.inRealm(value);
    }
    if (typeof value !== 'object' || value === null) return value;
    return wrap(value);
  };

  const wrap = <T extends object>(target: T): T => {
    const known = wrapped.get(target);
    if (known) return known as T;
    // An empty target: the fake's own objects may be frozen (enums), which a Proxy must mirror.
    const proxy = new Proxy(Object.create(null) as object, {
      get(_, prop) {
        if (typeof prop === 'symbol') return undefined;
        const member = (target as Record<string, unknown>)[prop];
        if (typeof member !== 'function') return toScript(member);
        return (...args: unknown[]) => toScript((member as (...a: unknown[]) => unknown)(...args.map(toFake)));
      },
      set(_, prop) {
        throw new Error(`Unexpected assignment to ${String(prop)}`);
      },
    });
    wrapped.set(target, proxy);
    original.set(proxy, target);
    return proxy as T;
  };

  return { wrap, enter: (realm: ScriptRealm) => void (script = realm) };
}

/**
 * Globals for `loadCode`: SpreadsheetApp (the UI recorded in `calls`, everything else served by
 * `sheets`, the spreadsheet only when a locale is given), HtmlService, and LockService, Session
 * and Utilities from `sheets`. Call `enter(loaded)` once the code is loaded, so that Dates the
 * spreadsheet hands the script are the script's own.
 */
export function appsScriptFakes({
  locale,
  sheets = createFakeSheets({ locale }),
  userProperties = new UserProperties(),
}: FakeOptions = {}) {
  const calls: Call[] = [];
  const menu = strictFake(
    'Menu',
    {
      addItem: () => menu,
      addToUi: () => undefined,
    },
    calls,
  );
  const ui = strictFake(
    'Ui',
    {
      createAddonMenu: () => menu,
      showSidebar: () => undefined,
      showModelessDialog: () => undefined,
    },
    calls,
  );
  const bridge = realmBridge();
  const services = bridge.wrap(sheets.services);
  const uiApp = strictFake('SpreadsheetApp', { getUi: () => ui }, calls);
  // Without a locale there is no spreadsheet to ask (a custom function's AuthMode.NONE).
  const noSpreadsheet = new Set(locale === undefined ? ['getActiveSpreadsheet', 'getActive'] : []);
  const SpreadsheetApp = new Proxy(Object.create(null) as object, {
    get(_, prop) {
      if (typeof prop === 'symbol') return undefined;
      if (prop === 'getUi') return uiApp.getUi;
      if (noSpreadsheet.has(prop)) throw new Error(`Unexpected use of SpreadsheetApp.${prop}`);
      return (services.SpreadsheetApp as unknown as Record<string, unknown>)[prop];
    },
  });
  const HtmlService = strictFake(
    'HtmlService',
    {
      createHtmlOutputFromFile: (file: string) => htmlOutput({ file }, calls),
      // The server reads its data file this way (Vocabulary.html).
      createTemplateFromFile: (file: string) =>
        strictFake('HtmlTemplate', { getRawContent: () => readFileSync(join(distDir, `${file}.html`), 'utf8') }, calls),
    },
    calls,
  );
  // Only the current user's store: the add-on keeps no script or document properties.
  const PropertiesService = strictFake(
    'PropertiesService',
    {
      getUserProperties: () => {
        const store = userProperties.store();
        return strictFake('Properties', { getProperty: store.getProperty, setProperty: store.setProperty }, calls);
      },
    },
    calls,
  );
  const { LockService, Session, Utilities } = services;
  return {
    globals: { SpreadsheetApp, HtmlService, LockService, Session, Utilities, PropertiesService },
    /** The UI's and HtmlService's calls, with their arguments. */
    calls,
    /** The spreadsheet: its calls (`sheets.calls`), and what a person does and sees. */
    sheets,
    /** Tells the fakes the loaded script's realm (`loadCode`'s result). */
    enter: bridge.enter,
  };
}
