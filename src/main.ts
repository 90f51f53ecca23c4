/**
 * The bundle's entry. The build gives every key of `globals` a top-level Apps Script function
 * forwarding to it, and reads `customFunctions` to write their `@customfunction` JSDoc.
 * Loading this module must not touch any Apps Script service: it runs on every call.
 */
import { customFunctions } from './functions/catalogue';
import type { Template } from './core/templates';
import { createServerApi, exposeApi } from './server/api';
import { AppsScriptWorkbook } from './server/appsScriptWorkbook';
import { customFunctionGlobals } from './server/customFunctions';
import { menuActions, onInstall, onOpen } from './server/menu';

/**
 * The sidebar's server: the spreadsheet is opened on the first call, never at load, and the
 * templates are a data file the build writes (Templates.html), read only when a call needs them.
 */
const serverApi = exposeApi(createServerApi({
  workbook: new AppsScriptWorkbook(() => SpreadsheetApp.getActiveSpreadsheet()),
  today: () => new Date(),
  templates: () => JSON.parse(HtmlService.createTemplateFromFile('Templates').getRawContent()) as Template[],
}));

export { customFunctions };

export const globals = {
  ...customFunctionGlobals,
  onOpen,
  onInstall,
  ...menuActions,
  ...serverApi,
};
