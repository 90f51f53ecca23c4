import { customFunctions } from '../functions/catalogue';

/**
 * Labels are bilingual: onOpen may run in AuthMode.NONE, where the user's locale cannot be
 * relied on, and the menu must not wait on any service besides the UI.
 */
const MENU = [
  ['Open sidebar / サイドバーを開く', 'showSidebar'],
  ['New tree from template… / テンプレートから新規ツリー…', 'showNewTree'],
  ['Refresh bottlenecks / ボトルネックを更新', 'refreshBottlenecks'],
  ['Help / ヘルプ', 'showHelp'],
] as const;

/** Simple trigger; touches nothing but the menu, so it works in AuthMode.NONE. */
export function onOpen(): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const [label, functionName] of MENU) menu.addItem(label, functionName);
  menu.addToUi();
}

/** An add-on installed from inside an open spreadsheet gets no onOpen until the next open. */
export function onInstall(): void {
  onOpen();
}

function showSidebar(): void {
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('KPI Tree'));
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function showHelp(): void {
  const items = customFunctions
    .map((spec) => `<li><code>${escapeHtml(spec.example)}</code><br>${escapeHtml(spec.description.en)}<br>${escapeHtml(spec.description.ja)}</li>`)
    .join('');
  const html =
    '<p>KPI Tree builds sales KPI trees (KGI → KFS → KPI) in this spreadsheet. Open the sidebar from ' +
    'Extensions → KPI Tree. / KPI Tree はこのスプレッドシートに営業の KPI ツリーを作ります。' +
    '拡張機能 → KPI Tree からサイドバーを開いてください。</p>' +
    `<p>Custom functions / カスタム関数:</p><ul>${items}</ul>`;
  SpreadsheetApp.getUi().showModelessDialog(
    HtmlService.createHtmlOutput(html).setWidth(480).setHeight(360),
    'KPI Tree — Help / ヘルプ',
  );
}

/**
 * The sidebar holds every view (new tree, bottleneck status), so these items open it; their own
 * names keep the menu's function names stable if they later open a view directly.
 */
export const menuActions = {
  showSidebar,
  showNewTree: showSidebar,
  refreshBottlenecks: showSidebar,
  showHelp,
};
