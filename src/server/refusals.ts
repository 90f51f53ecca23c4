import { KpiError, type Lang, type Localized } from '../core/i18n';
import { fill, type SheetWords } from '../core/sheet/labels';
import type { Vocabulary } from '../core/vocabulary';

export type Refusal = keyof SheetWords['refusals'];

/**
 * Refuses a sidebar call, in both languages, naming the field it concerns. The texts are in the
 * vocabulary data file, read only when a call needs them; a value may differ by language.
 */
export function refuse(
  vocabulary: Vocabulary,
  key: Refusal,
  field?: string,
  values: Readonly<Record<string, string | number | Localized>> = {},
): never {
  const text = (lang: Lang) =>
    fill(
      vocabulary.words[lang].refusals[key],
      Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'object' ? v[lang] : v])),
    );
  throw new KpiError({ en: text('en'), ja: text('ja') }, field);
}
