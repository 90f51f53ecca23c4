import { KpiError, langFromLocale, type Lang } from '../core/i18n';
import { customFunctions } from '../functions/catalogue';
import type { CellArg, CellResult, FunctionSpec } from '../functions/spec';

export type CustomFunction = (...args: CellArg[]) => CellResult;

/** Only called on the error path: a successful call must not wait on any Apps Script service. */
function spreadsheetLang(): Lang {
  try {
    return langFromLocale(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale());
  } catch {
    return 'en';
  }
}

/** Sheets shows a thrown Error's message in the cell, so a KpiError speaks the sheet's language. */
export function toCustomFunction(spec: FunctionSpec): CustomFunction {
  return (...args) => {
    try {
      return spec.run(...args);
    } catch (err) {
      if (err instanceof KpiError) throw new Error(err.in(spreadsheetLang()));
      throw err;
    }
  };
}

export const customFunctionGlobals: Readonly<Record<string, CustomFunction>> = Object.fromEntries(
  customFunctions.map((spec) => [spec.name, toCustomFunction(spec)]),
);
