import type { Localized } from '../core/i18n';

/** A value as Sheets passes it to a custom function: a cell, or a 2D range of cells. */
export type CellValue = number | string | boolean | Date | null | undefined;
export type CellArg = CellValue | CellValue[][];
/** What a custom function returns: one value, or a 2D array that spills. */
export type CellResult = number | string | boolean | (number | string | boolean)[][];

/** A custom function's implementation, as Sheets calls it. */
export type CellFunction = (...args: CellArg[]) => CellResult;

export interface ParamSpec {
  readonly name: string;
  /** JSDoc type shown by Sheets, e.g. `number` or `number|Array<Array<number>>`. */
  readonly type: string;
  readonly description: Localized;
  /** Shown in the help, e.g. `30%` or `A2:A13`. */
  readonly example: string;
  readonly optional?: boolean;
  /** The last parameter may repeat (`rate1, rate2, …`). */
  readonly repeating?: boolean;
  /** Which side of the plan-versus-actual comparison the argument holds, said beside it in the help. */
  readonly side?: 'plan' | 'actual';
}

/**
 * A custom function's documentation. It is read at build time only (the wrapper's
 * `@customfunction` JSDoc and Help.html), so none of it is in the runtime bundle.
 */
export interface FunctionDoc {
  /** The question a planner or a manager asks that the function answers. */
  readonly question: Localized;
  readonly description: Localized;
  readonly params: readonly ParamSpec[];
  readonly returns: Localized;
  /**
   * A worked call for README and help, with its values written in (no cell references), so a test
   * computes it with the real function: e.g. `=KPI_REQUIRED(1000000000, 2000000, 30%, 20%)`.
   */
  readonly example: string;
  /**
   * What the example returns as the cells show it: a value, or a spill with `;` between rows and
   * `,` between columns (`{1000000000; 500; 1667; 8335}`). A test checks it against the function.
   */
  readonly result: string;
  /** What the result means, in words. */
  readonly resultNote?: Localized;
}
