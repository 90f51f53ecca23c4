/** The Owners section: owners' row protection for the selected tree, switched on or off. */
import type { ServerApi } from '../../src/rpc';
import { whileBusy } from './busy';
import { byId, say } from './dom';
import { protectionText } from './owners';
import type { Promisified } from './rpc';
import type { StatusView } from './statusView';

export function initOwners(rpc: Promisified<ServerApi>, status: StatusView): void {
  const protect = byId<HTMLInputElement>('owner-protect');
  const result = byId('owner-protect-result');

  status.onStatus((loaded, _tree, anotherTree) => {
    byId('owners').hidden = loaded === null;
    if (!loaded) return;
    if (anotherTree) say(result, null);
    protect.checked = loaded.ownerProtection;
  });

  protect.addEventListener('change', async () => {
    const tree = status.current();
    if (!tree) return;
    const on = protect.checked;
    say(result, null);
    const count = await whileBusy(protect, () => rpc.setOwnerProtection(tree.sheetName, on));
    if (count === undefined) protect.checked = !on;
    else say(result, protectionText(on, count));
  });
}
