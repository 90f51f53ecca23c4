/**
 * Running the year from the status view: closing the month (with a confirm when actuals are
 * blank), owners' row protection, and next fiscal year's tree. Each acts on the tree sheet
 * selected, then refreshes the status so the sidebar shows what the sheet now shows.
 */
import type { ServerApi } from '../../src/rpc';
import { showBanner } from './banner';
import { byId, el, say } from './dom';
import { decodeFailure, type Promisified } from './rpc';
import type { StatusView } from './status';
import { MESSAGES, PHRASES } from './text';
import { nextYearTree } from './update';

/** Runs `call` with `button` disabled; a failure goes to the banner. */
async function busy<T>(button: HTMLButtonElement | HTMLInputElement, call: () => Promise<T>): Promise<T | undefined> {
  button.disabled = true;
  try {
    return await call();
  } catch (error) {
    showBanner(decodeFailure(error).text);
    return undefined;
  } finally {
    button.disabled = false;
  }
}

export function initYearTools(rpc: Promisified<ServerApi>, status: StatusView): void {
  const close = byId<HTMLButtonElement>('close-month');
  const refused = byId('close-refused');
  const closeResult = byId('close-result');
  const protect = byId<HTMLInputElement>('owner-protect');
  const protectResult = byId('owner-protect-result');
  const rollover = byId<HTMLButtonElement>('rollover');
  let sheet: string | null = null;
  let next = '';
  let fiscalYear: number | null = null;
  /** "Open" when next year's tree exists: rolling over then opens it rather than making another. */
  const nextYear = () => {
    const tree = status.current();
    return tree && nextYearTree(status.list(), tree, fiscalYear);
  };
  const labelRollover = (): void => say(rollover, nextYear() ? MESSAGES.openNextYear : MESSAGES.rollover);

  status.onStatus((loaded, tree) => {
    for (const id of ['owner-filter-field', 'month', 'owners', 'whatif', 'add-kpi', 'next-year']) byId(id).hidden = loaded === null;
    if (!loaded || !tree) return;
    if (tree.sheetName !== sheet) {
      // Another tree: what was said about the last one no longer applies.
      sheet = tree.sheetName;
      say(closeResult, null);
      say(protectResult, null);
      refused.hidden = true;
      byId('rollover-result').hidden = true;
    }
    fiscalYear = loaded.fiscalYear;
    labelRollover();
    protect.checked = loaded.ownerProtection;
    next = loaded.nextToClose;
    say(close, PHRASES.closeMonth(next));
  });

  const closeMonth = async (confirmBlank: boolean, button: HTMLButtonElement): Promise<void> => {
    const tree = status.current();
    if (!tree) return;
    showBanner(null);
    say(closeResult, null);
    const result = await busy(button, () => rpc.closeMonth(tree.sheetName, confirmBlank));
    if (!result) return;
    if (!result.closed) {
      say(byId('close-refused-text'), result.text);
      byId('close-missing').replaceChildren(...result.missing.map((gap) =>
        el('li', undefined, `${gap.label}${gap.owner ? ` (${gap.owner})` : ''}: ${gap.months.join(', ')}`)));
      refused.hidden = false;
      byId('close-anyway').focus();
      return;
    }
    refused.hidden = true;
    say(closeResult, PHRASES.closed(result.month, result.revision, result.period));
    await status.load();
    close.focus();
  };
  close.addEventListener('click', () => void closeMonth(false, close));
  byId('close-anyway').addEventListener('click', () => void closeMonth(true, byId<HTMLButtonElement>('close-anyway')));
  byId('close-cancel').addEventListener('click', () => {
    refused.hidden = true;
    close.focus();
  });

  protect.addEventListener('change', async () => {
    const tree = status.current();
    if (!tree) return;
    const on = protect.checked;
    say(protectResult, null);
    const count = await busy(protect, () => rpc.setOwnerProtection(tree.sheetName, on));
    if (count === undefined) protect.checked = !on;
    else say(protectResult, on ? PHRASES.protectedRows(count) : MESSAGES.protectOff);
  });

  let created = '';
  rollover.addEventListener('click', async () => {
    const tree = status.current();
    if (!tree) return;
    showBanner(null);
    const existed = nextYear() !== null;
    const result = await busy(rollover, () => rpc.rolloverYear(tree.sheetName));
    if (!result) return;
    created = result.sheetName;
    say(byId('rollover-text'), existed ? MESSAGES.openedNextYear : MESSAGES.rolledOver);
    byId('rollover-name').textContent = result.sheetName;
    byId('rollover-result').hidden = false;
    status.listTree({ sheetName: result.sheetName, templateId: tree.templateId, lang: tree.lang, fiscalYear: fiscalYear === null ? null : fiscalYear + 1 });
    labelRollover();
    byId('rollover-open').focus();
  });
  byId('rollover-open').addEventListener('click', () => {
    rpc.openSheet(created).catch((error: unknown) => showBanner(decodeFailure(error).text));
  });
}
