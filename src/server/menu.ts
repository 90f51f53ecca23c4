import { langFromLocale } from '../core/i18n';
import { type SidebarView, sidebarViewTag } from '../rpc';

/**
 * Labels are bilingual: onOpen may run in AuthMode.NONE, where the user's locale cannot be
 * relied on, and the menu must not wait on any service besides the UI.
 */
const MENU = [
  ['Open sidebar / サイドバーを開く', 'showSidebar'],
  ['New tree from template… / テンプレートから新規ツリー…', 'showNewTree'],
  ['Refresh bottlenecks / ボトルネックを更新', 'refreshBottlenecks'],
  ['Close a month… / 月次締め…', 'showMonthClose'],
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

/** Opens the sidebar, on a given view or on the one that fits the active sheet. */
const sidebar = (view?: SidebarView) => (): void => {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('KPI Tree');
  SpreadsheetApp.getUi().showSidebar(view ? html.append(sidebarViewTag(view)) : html);
};

/** The Help dialog's size: its page is laid out to fit it without scrolling sideways. */
export const HELP_DIALOG = { width: 560, height: 480 } as const;

/**
 * The help is a static page the build writes from the functions' documentation (Help.html), in
 * both languages: the sidebar's language choice is not stored anywhere, and people sharing a
 * workbook read different ones. The spreadsheet's language comes first (a style appended, so the
 * page needs no script).
 */
function showHelp(): void {
  const html = HtmlService.createHtmlOutputFromFile('Help').setWidth(HELP_DIALOG.width).setHeight(HELP_DIALOG.height);
  const japaneseFirst = langFromLocale(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale()) === 'ja';
  SpreadsheetApp.getUi().showModelessDialog(japaneseFirst ? html.append(JAPANESE_FIRST) : html, 'KPI Tree — Help / ヘルプ');
}

/** Appended to the Help page for a Japanese spreadsheet: its Japanese section comes first. */
export const JAPANESE_FIRST =
  '<style>#ja{order:-1}.lang+.lang{border-top:0;margin-top:0}#en{border-top:1px solid #dadce0;margin-top:16px}</style>';

/** The sidebar holds every view (new tree, bottleneck status, month close): each item opens its own. */
export const menuActions = {
  showSidebar: sidebar(),
  showNewTree: sidebar('new'),
  refreshBottlenecks: sidebar('status'),
  showMonthClose: sidebar('month'),
  showHelp,
};
