import type { Lang } from './i18n';
import { SHEET_WORDS, type SheetWords } from './sheet/labels';
import { TEMPLATES, type Template } from './templates';

/**
 * What building and running tree sheets reads besides code: the templates and the sheet's words
 * in both languages. In Apps Script the build writes it as a data file the server reads on
 * demand, so custom functions never load it; the server imports only its type.
 */
export interface Vocabulary {
  readonly templates: readonly Template[];
  readonly words: Readonly<Record<Lang, SheetWords>>;
}

export const VOCABULARY: Vocabulary = { templates: TEMPLATES, words: SHEET_WORDS };
