import { KpiError } from '../../src/core/i18n';
import { customFunctions } from '../../src/functions/catalogue';
import type { FunctionName } from '../../src/functions/docs';
import type { CellArg, CellResult } from '../../src/functions/spec';

/** Calls a custom function as the edge does, by name, with arguments as Sheets passes them. */
export function call(name: string, ...args: unknown[]): CellResult {
  if (!Object.keys(customFunctions).includes(name)) throw new Error(`no custom function ${name}`);
  return customFunctions[name as FunctionName](...(args as CellArg[]));
}

/** The KpiError a call throws; fails the test when it returns or throws anything else. */
export function errorOf(name: string, ...args: unknown[]): KpiError {
  try {
    call(name, ...args);
  } catch (error) {
    if (error instanceof KpiError) return error;
    throw error;
  }
  throw new Error(`${name} returned instead of throwing`);
}

/** Both languages name the function and the argument (and, when given, the value received). */
export function expectNames(error: KpiError, fn: string, arg: string, got?: string): void {
  for (const text of [error.text.en, error.text.ja]) {
    expect(text.startsWith(`${fn}: `)).toBe(true);
    expect(text).toContain(arg);
    if (got !== undefined) expect(text).toContain(got);
  }
}

export const column = (...values: unknown[]): unknown[][] => values.map((v) => [v]);
