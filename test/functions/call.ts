import type { KpiError } from '../../src/core/i18n';
import { customFunctions } from '../../src/functions/catalogue';
import type { FunctionName } from '../../src/functions/docs';
import type { CellArg, CellResult } from '../../src/functions/spec';
import { refusal } from '../support/refusal';

/** Calls a custom function as the edge does, by name, with arguments as Sheets passes them. */
export function call(name: string, ...args: unknown[]): CellResult {
  if (!Object.keys(customFunctions).includes(name)) throw new Error(`no custom function ${name}`);
  return customFunctions[name as FunctionName](...(args as CellArg[]));
}

/** The KpiError a call throws; fails the test when it returns or throws anything else. */
export const errorOf = (name: string, ...args: unknown[]): KpiError => refusal(() => call(name, ...args));

/** Both languages name the function and the argument (and, when given, the value received). */
export function expectNames(error: KpiError, fn: string, arg: string, got?: string): void {
  for (const text of [error.text.en, error.text.ja]) {
    expect(text.startsWith(`${fn}: `)).toBe(true);
    expect(text).toContain(arg);
    if (got !== undefined) expect(text).toContain(got);
  }
}

export const column = (...values: unknown[]): unknown[][] => values.map((v) => [v]);
