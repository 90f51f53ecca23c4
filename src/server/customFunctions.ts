import { KpiError, type Lang, langFromLocale } from '../core/i18n';
import { customFunctions } from '../functions/catalogue';
import type { CellFunction } from '../functions/spec';

/** Only called on the error path: a successful call must not wait on any Apps Script service. */
function spreadsheetLang(): Lang {
  try {
    return langFromLocale(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale());
  } catch {
    return 'en';
  }
}

/** Sheets shows a thrown Error's message in the cell, so a KpiError speaks the sheet's language. */
export function toCustomFunction(run: CellFunction): CellFunction {
  return (...args) => {
    try {
      return run(...args);
    } catch (err) {
      if (err instanceof KpiError) throw new Error(err.in(spreadsheetLang()));
      throw err;
    }
  };
}

export const customFunctionGlobals: Readonly<Record<string, CellFunction>> = Object.fromEntries(
  Object.entries(customFunctions).map(([name, run]) => [name, toCustomFunction(run)]),
);
