/**
 * SPARKLINE for HyperFormula. Sheets draws a chart into the cell; here it becomes a row of bars,
 * so the preview still shows a trend.
 */
import { FunctionArgumentType, FunctionPlugin, HyperFormula, type SimpleRangeValue } from 'hyperformula';

class SparklinePlugin extends FunctionPlugin {
  static override implementedFunctions = {
    SPARKLINE: { method: 'sparkline', parameters: [{ argumentType: FunctionArgumentType.RANGE }] },
  };

  // HyperFormula does not export its AST and state types; they are passed through untouched.
  sparkline(ast: { args: unknown[] }, state: unknown) {
    return this.runFunction(ast.args as never, state as never, this.metadata('SPARKLINE'), (range: SimpleRangeValue) => {
      const values = range.data.flat().filter((v): v is number => typeof v === 'number');
      if (values.length === 0) return '';
      const max = Math.max(...values, 0);
      const bars = '▁▂▃▄▅▆▇█';
      return values.map((v) => bars[max > 0 ? Math.min(7, Math.max(0, Math.round((v / max) * 7))) : 0]).join('');
    });
  }
}

/** Registers SPARKLINE once: HyperFormula's registry is global, and this module may be loaded more than once. */
export function registerSparkline(): void {
  if (!HyperFormula.getRegisteredFunctionNames('enGB').includes('SPARKLINE')) {
    HyperFormula.registerFunctionPlugin(SparklinePlugin, { enGB: { SPARKLINE: 'SPARKLINE' } });
  }
}
