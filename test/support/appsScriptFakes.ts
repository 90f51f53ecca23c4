/**
 * Recording fakes of the few Apps Script services the add-on's edge uses. Each fake is strict:
 * touching a member it does not define throws, so code that reaches for more than a test
 * expects (a property store, the document in AuthMode.NONE) fails loudly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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
      setTitle: (title: string) => ((output.title = title), self),
      setWidth: (width: number) => ((output.width = width), self),
      setHeight: (height: number) => ((output.height = height), self),
      append: (html: string) => ((output.appended = (output.appended ?? '') + html), self),
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
}

/** Globals for `loadCode`: SpreadsheetApp (UI, and the locale if given) and HtmlService. */
export function appsScriptFakes({ locale }: FakeOptions = {}) {
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
  // An empty workbook: enough for the sidebar's server to answer and to refuse, not to build.
  const spreadsheet = strictFake(
    'Spreadsheet',
    { getSpreadsheetLocale: () => locale, getSheets: () => [], getActiveSheet: () => null },
    calls,
  );
  const SpreadsheetApp = strictFake(
    'SpreadsheetApp',
    locale === undefined
      ? { getUi: () => ui }
      : { getUi: () => ui, getActiveSpreadsheet: () => spreadsheet },
    calls,
  );
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
  // Every update holds the document lock; this one is always free.
  const lock = strictFake('Lock', { tryLock: () => true, releaseLock: () => undefined }, calls);
  const LockService = strictFake('LockService', { getDocumentLock: () => lock }, calls);
  return { globals: { SpreadsheetApp, HtmlService, LockService }, calls };
}
