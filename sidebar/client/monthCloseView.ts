/**
 * The Month close section: closes the next month of the selected tree, asking first when
 * actuals are blank, then refreshes the status so the sidebar shows what the sheet now shows.
 */
import type { ServerApi } from '../../src/rpc';
import { whileBusy } from './busy';
import { byId, el, say } from './dom';
import { missingLine } from './monthClose';
import type { Promisified } from './rpc';
import type { StatusView } from './statusView';
import { PHRASES } from './text';

export function initMonthClose(rpc: Promisified<ServerApi>, status: StatusView): void {
  const close = byId<HTMLButtonElement>('close-month');
  const anyway = byId<HTMLButtonElement>('close-anyway');
  const refused = byId('close-refused');
  const result = byId('close-result');

  status.onStatus((loaded, _tree, anotherTree) => {
    byId('month').hidden = loaded === null;
    if (!loaded) return;
    if (anotherTree) {
      say(result, null);
      refused.hidden = true;
    }
    say(close, PHRASES.closeMonth(loaded.nextToClose));
  });

  const closeMonth = async (confirmBlank: boolean, button: HTMLButtonElement): Promise<void> => {
    const tree = status.current();
    if (!tree) return;
    say(result, null);
    const closed = await whileBusy(button, () => rpc.closeMonth(tree.sheetName, confirmBlank));
    if (!closed) return;
    if (!closed.closed) {
      say(byId('close-refused-text'), closed.text);
      byId('close-missing').replaceChildren(...closed.missing.map((gap) => el('li', undefined, missingLine(gap))));
      refused.hidden = false;
      anyway.focus();
      return;
    }
    refused.hidden = true;
    say(result, PHRASES.closed(closed.month, closed.revision, closed.period));
    await status.load();
    close.focus();
  };
  close.addEventListener('click', () => void closeMonth(false, close));
  anyway.addEventListener('click', () => void closeMonth(true, anyway));
  byId('close-cancel').addEventListener('click', () => {
    refused.hidden = true;
    close.focus();
  });
}
