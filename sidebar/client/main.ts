/** The sidebar's entry: wires the tabs and their sections, then asks the server which language and trees to show. */
import type { Lang } from '../../src/core/i18n';
import { SIDEBAR_VIEW_META } from '../../src/rpc';
import { initAddKpi } from './addKpiView';
import { showBanner } from './banner';
import { initDataImport } from './dataImportView';
import { initDesignCheck } from './designCheckView';
import { byId, setLang } from './dom';
import { initLinkData } from './linkDataView';
import { initMonthClose } from './monthCloseView';
import { existingTree } from './newTree';
import { initNewTree } from './newTreeView';
import { initNextYear } from './nextYearView';
import { initOwners } from './ownersView';
import { createRpc, decodeFailure } from './rpc';
import { initStatus } from './statusView';
import { initTeam } from './teamView';
import { initUpdateTree } from './updateTreeView';
import { initWhatIf } from './whatIfView';

const rpc = createRpc();
const status = initStatus(rpc);
initMonthClose(rpc, status);
initOwners(rpc, status);
initWhatIf(rpc, status);
initUpdateTree(rpc, status);
initAddKpi(rpc, status);
initLinkData(rpc, status);
initNextYear(rpc, status);
initDesignCheck(rpc, status);
initTeam(rpc, status);
initDataImport(rpc);

function showView(view: 'new' | 'status' | 'data'): Promise<void> {
  for (const name of ['new', 'status', 'data'] as const) {
    byId(`view-${name}`).hidden = name !== view;
    byId(`nav-${name}`).setAttribute('aria-pressed', String(name === view));
  }
  return view === 'status' ? status.load() : Promise.resolve();
}

byId('nav-new').addEventListener('click', () => void showView('new'));
byId('nav-status').addEventListener('click', () => showView('status'));
byId('nav-data').addEventListener('click', () => void showView('data'));

const langSelect = byId<HTMLSelectElement>('lang');
langSelect.addEventListener('change', () => {
  const chosen = langSelect.value as Lang;
  setLang(chosen);
  // Remembered for the person (their user properties), so their next sidebar opens in it.
  rpc.setLanguage(chosen).catch((error: unknown) => showBanner(decodeFailure(error).text));
});

initNewTree(rpc, {
  onBuilt: (tree) => status.addTree(tree),
  existing: (templateId, fiscalYear) => existingTree(status.list(), templateId, fiscalYear),
});

rpc
  .getContext()
  .then(
    (context) => {
      langSelect.value = context.lang;
      setLang(context.lang);
      status.setTrees(context.trees, context.activeTree);
      // A menu item may ask for a view (read now: the whole page has been parsed by the answer).
      const requested = document.querySelector<HTMLMetaElement>(`meta[name="${SIDEBAR_VIEW_META}"]`)?.content;
      if (requested === 'new') void showView('new');
      else if (context.activeTree || (requested && context.trees.length > 0)) {
        const shown = showView('status');
        if (requested === 'month') void shown.then(() => byId('close-month').focus());
      }
    },
    (error: unknown) => showBanner(decodeFailure(error).text),
  )
  .finally(() => {
    // Tests and the bench wait for these: the sidebar answers input from here on.
    document.documentElement.dataset.ready = 'true';
    performance.mark('kpi-tree-interactive');
  });
