/**
 * The bundle's entry. The build gives every key of `globals` a top-level Apps Script function
 * forwarding to it; `customFunctionNames` tells it which of them get the `@customfunction`
 * JSDoc it writes from src/functions/docs.ts (read at build time only, never bundled).
 * Loading this module must not touch any Apps Script service: it runs on every call.
 */
import type { Vocabulary } from './core/vocabulary';
import { createServerApi, exposeApi } from './server/api';
import { AppsScriptWorkbook } from './server/appsScriptWorkbook';
import { customFunctionGlobals } from './server/customFunctions';
import { menuActions, onInstall, onOpen } from './server/menu';

/**
 * The sidebar's server: the spreadsheet is opened on the first call, never at load, and the
 * templates and sheet words are a data file the build writes (Vocabulary.html), read only when a
 * call needs them.
 */
const serverApi = exposeApi(
  createServerApi({
    workbook: new AppsScriptWorkbook(() => ({ SpreadsheetApp, LockService, Session, Utilities })),
    today: () => new Date(),
    vocabulary: () => JSON.parse(HtmlService.createTemplateFromFile('Vocabulary').getRawContent()) as Vocabulary,
    userProperties: () => PropertiesService.getUserProperties(),
  }),
);

/** The custom functions' names, for the build to check against the documentation. */
export const customFunctionNames = Object.keys(customFunctionGlobals);

export const globals = {
  ...customFunctionGlobals,
  onOpen,
  onInstall,
  ...menuActions,
  ...serverApi,
};
