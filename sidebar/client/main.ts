/** The sidebar's entry: wires the views, then asks the server which language and trees to show. */
import type { Lang } from '../../src/core/i18n';
import { showBanner } from './banner';
import { byId, setLang } from './dom';
import { initPlanForm } from './form';
import { createRpc, decodeFailure } from './rpc';
import { initKpiForm } from './kpiForm';
import { initStatus } from './status';
import { initWhatIf } from './whatIfView';
import { initYearTools } from './yearTools';

const rpc = createRpc();
const status = initStatus(rpc);
initYearTools(rpc, status);
initWhatIf(rpc, status);
initKpiForm(rpc, status);

function showView(view: 'new' | 'status'): void {
  for (const name of ['new', 'status'] as const) {
    byId(`view-${name}`).hidden = name !== view;
    byId(`nav-${name}`).setAttribute('aria-pressed', String(name === view));
  }
  if (view === 'status') void status.load();
}

byId('nav-new').addEventListener('click', () => showView('new'));
byId('nav-status').addEventListener('click', () => showView('status'));

const langSelect = byId<HTMLSelectElement>('lang');
langSelect.addEventListener('change', () => setLang(langSelect.value as Lang));

initPlanForm(rpc, { onBuilt: (tree) => status.addTree(tree) });

rpc.getContext().then(
  (context) => {
    langSelect.value = context.lang;
    setLang(context.lang);
    status.setTrees(context.trees, context.activeTree);
    if (context.activeTree) showView('status');
  },
  (error: unknown) => showBanner(decodeFailure(error).text),
).finally(() => {
  // Tests and the bench wait for these: the sidebar answers input from here on.
  document.documentElement.dataset.ready = 'true';
  performance.mark('kpi-tree-interactive');
});
