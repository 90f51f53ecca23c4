import { KpiError, type Lang } from '../core/i18n';

/**
 * A person's own settings, kept for them across spreadsheets and devices: the sidebar's
 * language. Stored with PropertiesService.getUserProperties(), a store "only the current user can
 * access" (https://developers.google.com/apps-script/reference/properties/properties-service),
 * meant for "user-specific settings" (https://developers.google.com/apps-script/guides/properties).
 * The Properties service needs no OAuth scope (its reference lists none, unlike SpreadsheetApp's
 * methods), so appsscript.json keeps its two. The sidebar's localStorage was the other way: the
 * sidebar is a third-party iframe (googleusercontent.com inside docs.google.com), whose storage
 * browsers that block third-party storage refuse or partition, and it stays on one device.
 */
export interface UserPropertyStore {
  getProperty(key: string): string | null;
  setProperty(key: string, value: string): unknown;
}

const LANG = 'kpiTree.lang';

/** The language the person chose last, or null before they chose one. */
export function savedLang(store: UserPropertyStore): Lang | null {
  const saved = store.getProperty(LANG);
  return saved === 'en' || saved === 'ja' ? saved : null;
}

export function saveLang(store: UserPropertyStore, lang: unknown): void {
  if (lang !== 'en' && lang !== 'ja') {
    throw new KpiError({ en: 'The language must be English or Japanese.', ja: '言語は英語か日本語を選んでください。' }, 'lang');
  }
  store.setProperty(LANG, lang);
}
