/**
 * The "Update this tree" section under the status: the selected tree's KGI, planned values,
 * weights and language, prefilled from the sheet. It sends only what changed; the sheet changes
 * in place (typed actuals, owners and notes kept), and refusals show beside their field.
 */
import type { Lang } from '../../src/core/i18n';
import { orderTree } from '../../src/core/tree';
import type { ServerApi, TreeStatus } from '../../src/rpc';
import { whileBusy } from './busy';
import { byId, say } from './dom';
import { fieldErrors, whenValid } from './fieldErrors';
import { drawPlanFields, fillPlanFields, seasonField, showPercentNotes, typedValues } from './planFieldsView';
import type { Promisified } from './rpc';
import { inTreeLanguage } from './status';
import type { StatusView } from './statusView';
import { PHRASES } from './text';
import { checkUpdate, seasonOf, treeUpdate, type UpdateValues, weightsText } from './updateTree';
import { currentValues } from './whatIf';

export function initUpdateTree(rpc: Promisified<ServerApi>, status: StatusView): void {
  const form = byId<HTMLFormElement>('update-form');
  const errors = fieldErrors(form);
  const season = seasonField('u-');
  const treeLang = byId<HTMLSelectElement>('u-lang');
  const result = byId('update-result');
  let loaded: TreeStatus | null = null;
  let inputs: HTMLInputElement[] = [];

  /** The form's values, or null when one is wrong (said beside it). */
  const read = (): UpdateValues | null => {
    if (!loaded) return null;
    const check = checkUpdate(loaded, typedValues(inputs), season.typed(), treeLang.value as Lang);
    errors.show(check.errors);
    showPercentNotes(inputs);
    return check.values;
  };

  const fill = (next: TreeStatus): void => {
    inputs = drawPlanFields(byId('update-fields'), 'u', orderTree(inTreeLanguage(next)));
    fillPlanFields(inputs, currentValues(next));
    season.fill(seasonOf(next.weights) !== null, weightsText(next.weights));
    treeLang.value = next.lang;
    errors.show(new Map());
    showPercentNotes(inputs);
  };

  status.onStatus((next, _tree, anotherTree) => {
    byId('update').hidden = next === null;
    if (anotherTree) say(result, null);
    loaded = next;
    if (next) fill(next);
  });

  whenValid(
    form,
    errors,
    read,
    async (values) => {
      const tree = status.current();
      if (!loaded || !tree) return;
      say(result, null);
      const update = treeUpdate(loaded, values);
      await whileBusy(
        byId<HTMLButtonElement>('update-apply'),
        async () => {
          const updated = await rpc.updateTree(tree.sheetName, update);
          status.addTree({ ...tree, sheetName: updated.sheetName, lang: values.lang });
          await status.load();
          say(result, PHRASES.updated(updated.sheetName));
        },
        { progress: byId('update-progress'), failed: errors.fail },
      );
    },
    () => say(result, null),
  );
}
