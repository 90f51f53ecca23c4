/**
 * TODAY() as Sheets computes it: the date where the spreadsheet is (its time zone, not the
 * machine's), from a clock the fake is given, so tests can say what day it is.
 * https://support.google.com/docs/answer/3092984 (TODAY; the spreadsheet's time zone setting).
 */
import { FunctionPlugin, HyperFormula } from 'hyperformula';

/** What the engine's `context` carries for TODAY(). */
export interface Clock {
  readonly now: () => Date;
  readonly timeZone: string;
}

/** Days since 1899-12-30 of the date `now` is in `timeZone`: the serial Sheets shows as that date. */
export function todaySerial({ now, timeZone }: Clock): number {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now());
  const [year, month, day] = parts.split('-').map(Number);
  return (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

class ClockPlugin extends FunctionPlugin {
  static override implementedFunctions = { TODAY: { method: 'today', parameters: [], isVolatile: true } };

  // HyperFormula does not export its AST and state types; they are passed through untouched.
  today(ast: { args: unknown[] }, state: unknown) {
    return this.runFunction(ast.args as never, state as never, this.metadata('TODAY'), () => todaySerial(this.config.context as Clock));
  }
}

/** Replaces HyperFormula's TODAY once (its registry is global): every engine reads its own clock. */
export function registerClock(): void {
  if (HyperFormula.getFunctionPlugin('TODAY') !== ClockPlugin) {
    HyperFormula.unregisterFunction('TODAY');
    HyperFormula.registerFunctionPlugin(ClockPlugin, { enGB: { TODAY: 'TODAY' } });
  }
}
