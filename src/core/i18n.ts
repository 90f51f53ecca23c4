/**
 * The add-on speaks Japanese and English. Every user-facing text is a `Localized` pair built
 * where the fact is known; the edge picks the language (spreadsheet locale, sidebar choice).
 */
export type Lang = 'en' | 'ja';

export interface Localized {
  readonly en: string;
  readonly ja: string;
}

/** `ja`, `ja_JP`, `ja-JP` → Japanese; anything else → English. */
export function langFromLocale(locale: string | null | undefined): Lang {
  return /^ja\b|^ja[_-]/i.test(locale ?? '') ? 'ja' : 'en';
}

/**
 * Bad input or an impossible request, with the message in both languages. `field` names the
 * input it concerns (a sidebar form field or a function argument) so it can be shown beside it.
 */
export class KpiError extends Error {
  constructor(
    readonly text: Localized,
    readonly field?: string,
  ) {
    super(text.en);
    this.name = 'KpiError';
  }

  in(lang: Lang): string {
    return this.text[lang];
  }
}
