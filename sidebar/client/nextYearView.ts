/**
 * The Next fiscal year section: starts next year's tree from the selected one, or opens it when
 * it exists, and lists it beside the selected tree.
 */
import type { ServerApi } from '../../src/rpc';
import { whileBusy } from './busy';
import { byId, say } from './dom';
import { nextYearRef, nextYearTree } from './nextYear';
import type { Promisified } from './rpc';
import type { StatusView } from './statusView';
import { MESSAGES } from './text';

export function initNextYear(rpc: Promisified<ServerApi>, status: StatusView): void {
  const rollover = byId<HTMLButtonElement>('rollover');
  const open = byId<HTMLButtonElement>('rollover-open');
  const made = byId('rollover-result');
  let fiscalYear: number | null = null;
  let created = '';
  const nextYear = () => {
    const tree = status.current();
    return tree && nextYearTree(status.list(), tree, fiscalYear);
  };
  /** "Open" when next year's tree exists: rolling over then opens it rather than making another. */
  const label = (): void => say(rollover, nextYear() ? MESSAGES.openNextYear : MESSAGES.rollover);

  status.onStatus((loaded, _tree, anotherTree) => {
    byId('next-year').hidden = loaded === null;
    if (!loaded) return;
    if (anotherTree) made.hidden = true;
    fiscalYear = loaded.fiscalYear;
    label();
  });

  rollover.addEventListener('click', async () => {
    const tree = status.current();
    if (!tree) return;
    const existed = nextYear() !== null;
    const result = await whileBusy(rollover, () => rpc.rolloverYear(tree.sheetName));
    if (!result) return;
    created = result.sheetName;
    say(byId('rollover-text'), existed ? MESSAGES.openedNextYear : MESSAGES.rolledOver);
    byId('rollover-name').textContent = result.sheetName;
    made.hidden = false;
    status.listTree(nextYearRef(tree, fiscalYear, result.sheetName));
    label();
    open.focus();
  });
  open.addEventListener('click', () => void whileBusy(open, () => rpc.openSheet(created)));
}
