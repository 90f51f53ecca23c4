/**
 * One labelled input with its hint and error line, as partials/field.hbs draws it: the build
 * renders the partial, the page renders `fieldRow` for fields it makes at run time (a tree's
 * planned values). test/sidebar/fieldRow.test.ts holds the two to the same markup.
 */
import type { Localized } from '../../src/core/i18n';
import type { FieldUnit } from './parse';
import { textFor } from './text';

/** Elements as data, so the markup is built (and compared) in Node; dom.ts `render` makes them. */
export interface Markup {
  readonly tag: string;
  /** In the partial's order. */
  readonly attrs: ReadonlyArray<readonly [string, string]>;
  /** Literal text, elements, or a text said in the page's language (then the element's only child). */
  readonly children: ReadonlyArray<Markup | string | Localized>;
}

/** A key of text.ts, or a text only known at run time (a label from the sheet); '' for none. */
export type FieldText = string | Localized;

/** The partial's data. */
export interface FieldModel {
  readonly id: string;
  /** The name errors use (KpiError.field): 'kgi', a node id, 'fiscalYear'. */
  readonly field: string;
  readonly label: FieldText;
  readonly sub: FieldText;
  readonly hint: FieldText;
  readonly unit: FieldUnit | 'year';
  readonly value: string;
  readonly prefix: string;
  readonly suffix: string;
}

const h = (tag: string, attrs: Markup['attrs'], ...children: Markup['children']): Markup => ({ tag, attrs, children });

/** `{{t key}}`: a span the page re-says by its key; a run-time text is said the same way. */
const said = (text: FieldText): Markup => (typeof text === 'string' ? h('span', [['data-t', text]], textFor(text)) : h('span', [], text));

const affix = (text: string): Markup =>
  h(
    'span',
    [
      ['class', 'affix'],
      ['aria-hidden', 'true'],
    ],
    text,
  );

export function fieldRow(f: FieldModel): Markup {
  const label = f.sub ? [said(f.label), ' ', h('span', [['class', 'sub']], said(f.sub))] : [said(f.label)];
  return h(
    'div',
    [['class', 'field']],
    h('label', [['for', f.id]], ...label),
    h(
      'div',
      [['class', 'input-wrap']],
      ...(f.prefix ? [affix(f.prefix)] : []),
      h('input', [
        ['id', f.id],
        ['type', 'text'],
        ['inputmode', 'decimal'],
        ['autocomplete', 'off'],
        ['spellcheck', 'false'],
        ['value', f.value],
        ['data-field', f.field],
        ['data-unit', f.unit],
        ['aria-describedby', f.hint ? `${f.id}-err ${f.id}-note ${f.id}-hint` : `${f.id}-err ${f.id}-note`],
      ]),
      ...(f.suffix ? [affix(f.suffix)] : []),
    ),
    ...(f.hint
      ? [
          h(
            'p',
            [
              ['id', `${f.id}-hint`],
              ['class', 'hint'],
            ],
            said(f.hint),
          ),
        ]
      : []),
    h('p', [
      ['id', `${f.id}-err`],
      ['class', 'error'],
      ['aria-live', 'polite'],
    ]),
    h('p', [
      ['id', `${f.id}-note`],
      ['class', 'note'],
      ['aria-live', 'polite'],
    ]),
  );
}
