/**
 * The field rows the page makes at run time are the partial's rows: the builder's markup for
 * each field of the build's model is found, to the letter, in the page the build rendered from
 * partials/field.hbs with that model.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { fieldRow, type Markup } from '../../sidebar/client/fieldRow';
import { planFieldRows } from '../../sidebar/client/planFields';
import { sidebarModel } from '../../sidebar/model';
import { templateById } from '../../src/core/templates';
import { orderTree } from '../../src/core/tree';

const VOID = new Set(['input']);
const escapeHtml = Handlebars.escapeExpression;

/** Markup as Handlebars writes it: attributes quoted and escaped, texts escaped, English. */
function html(markup: Markup): string {
  const attrs = markup.attrs.map(([name, value]) => ` ${name}="${escapeHtml(value)}"`).join('');
  if (VOID.has(markup.tag)) return `<${markup.tag}${attrs}>`;
  const children = markup.children.map((child) =>
    typeof child === 'string' ? escapeHtml(child) : 'tag' in child ? html(child) : escapeHtml(child.en),
  );
  return `<${markup.tag}${attrs}>${children.join('')}</${markup.tag}>`;
}

/** The partial's line breaks and indents carry no meaning; a space within a line does. */
const unindent = (text: string): string => text.replace(/>\s*\n\s*</g, '><').replace(/\s*\n\s*/g, ' ');

const page = (() => {
  try {
    return unindent(readFileSync(join(__dirname, '../../dist/Sidebar.html'), 'utf8'));
  } catch {
    throw new Error('Run `npm run build` first: this test reads dist/Sidebar.html');
  }
})();

const model = sidebarModel();
const fields = [model.fiscalYearField, ...model.templates.flatMap((t) => [t.kgiField, ...t.fields])];

describe('a field row', () => {
  it.each(fields.map((f) => [f.id, f] as const))('%s is the partial’s markup', (_, field) => {
    const row = html(fieldRow(field));
    expect(row.startsWith('<div class="field"><label')).toBe(true);
    expect(page).toContain(row);
  });

  it('made at run time, says a label from the sheet as text, and is described by its error, note and hint lines', () => {
    const [kgi, dealSize] = planFieldRows('w', orderTree(templateById('new_business')!))
      .map(fieldRow)
      .map(html);
    expect(kgi).toBe(
      '<div class="field"><label for="w-kgi"><span>KGI (annual goal) · Revenue</span></label>' +
        '<div class="input-wrap"><span class="affix" aria-hidden="true">¥</span>' +
        '<input id="w-kgi" type="text" inputmode="decimal" autocomplete="off" spellcheck="false" value="" data-field="kgi" data-unit="amount" aria-describedby="w-kgi-err w-kgi-note w-kgi-hint">' +
        '</div><p id="w-kgi-hint" class="hint"><span data-t="kgiHint">e.g. 10億, 1,000,000,000 or ¥1bn</span></p>' +
        '<p id="w-kgi-err" class="error" aria-live="polite"></p><p id="w-kgi-note" class="note" aria-live="polite"></p></div>',
    );
    expect(dealSize).toContain('<label for="w-deal_size"><span>Average deal size</span></label>');
    expect(html(fieldRow({ ...fields[1], label: { en: '<b>x</b>', ja: '' } }))).toContain('&lt;b&gt;x&lt;/b&gt;');
  });
});
