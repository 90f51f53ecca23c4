/**
 * The What-if section under the status: the selected tree's KGI and planned values, prefilled
 * from the sheet, recalculated in the browser on every keystroke (no server call), and written
 * to the sheet only on "Apply to sheet": the changed cells alone.
 */
import type { TreePlan } from '../../src/core/plan';
import { orderTree, type TreeNode } from '../../src/core/tree';
import type { ServerApi, TreeStatus } from '../../src/rpc';
import { whileBusy } from './busy';
import { byId, el, lang, onLangChange, say } from './dom';
import { fieldErrors, whenValid } from './fieldErrors';
import type { PlanValues } from './planFields';
import { drawPlanFields, fillPlanFields, showPercentNotes, typedValues } from './planFieldsView';
import type { Promisified } from './rpc';
import { inTreeLanguage } from './status';
import type { StatusView } from './statusView';
import { MESSAGES } from './text';
import { changedValues, checkWhatIf, currentPlan, currentValues, type WhatIfResult, whatIfLines, writtenText } from './whatIf';

export function initWhatIf(rpc: Promisified<ServerApi>, status: StatusView): void {
  const form = byId<HTMLFormElement>('whatif-form');
  const errors = fieldErrors(form);
  const out = byId('whatif-out');
  const result = byId('whatif-result');
  let loaded: TreeStatus | null = null;
  let nodes: TreeNode[] = [];
  let current: TreePlan | null = null;
  let inputs: HTMLInputElement[] = [];
  let last: WhatIfResult | null = null;

  const render = (): void => {
    out.replaceChildren();
    if (!last) return;
    for (const line of whatIfLines(last, nodes, lang())) {
      const dt = el('dt', line.value === null ? 'head' : undefined);
      say(dt, line.term);
      if (line.termId) dt.id = line.termId;
      out.append(dt);
      if (line.value === null) continue;
      const dd = el('dd', undefined, line.value);
      if (line.valueId) dd.id = line.valueId;
      out.append(dd);
    }
  };

  /** Recalculates from what is typed; errors go beside their field. Returns the values when all is well. */
  const recalc = (): PlanValues | null => {
    if (!loaded) return null;
    const check = checkWhatIf(loaded, current, typedValues(inputs));
    last = check.result;
    errors.show(check.errors);
    showPercentNotes(inputs);
    render();
    return check.values;
  };

  status.onStatus((next, _tree, anotherTree) => {
    byId('whatif').hidden = next === null;
    if (anotherTree) say(result, null);
    loaded = next;
    last = null;
    if (!next) return;
    nodes = orderTree(inTreeLanguage(next));
    current = currentPlan(next);
    inputs = drawPlanFields(byId('whatif-fields'), 'w', nodes);
    fillPlanFields(inputs, currentValues(next));
    recalc();
  });

  byId('whatif-reset').addEventListener('click', () => {
    if (!loaded) return;
    fillPlanFields(inputs, currentValues(loaded));
    say(result, null);
    recalc();
  });
  whenValid(
    form,
    errors,
    recalc,
    async (values) => {
      const tree = status.current();
      if (!loaded || !tree) return;
      const change = changedValues(loaded, values);
      if (change.kgi === undefined && Object.keys(change.inputs).length === 0) {
        say(result, MESSAGES.nothingToApply);
        return;
      }
      await whileBusy(
        byId<HTMLButtonElement>('whatif-apply'),
        async () => {
          const written = await rpc.applyWhatIf(tree.sheetName, change);
          const text = writtenText(nodes, written);
          await status.load();
          say(result, text);
        },
        { failed: errors.fail },
      );
    },
    () => say(result, null),
  );
  onLangChange(render);
}
