/** The built sidebar is one self-contained file HtmlService can serve, within its size budget. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIDEBAR_BUDGET } from '../../build/budgets.mjs';
import { TEMPLATES } from '../../src/core/templates';

const html = readFileSync(join(__dirname, '../../dist/Sidebar.html'), 'utf8');

describe('dist/Sidebar.html', () => {
  it('stays within its budget', () => {
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(SIDEBAR_BUDGET);
  });

  it('inlines its script and styles and fetches nothing (it must work offline)', () => {
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html.match(/<style>/g)).toHaveLength(1);
    // A CSS url(…) fetches; the CSV parser's createObjectURL(…) is code, not a fetch.
    expect(html).not.toMatch(/<link\b|<script[^>]*\ssrc=|@import|\burl\(/i);
  });

  it('is fully rendered at build time: no template syntax or Handlebars runtime left', () => {
    expect(html).not.toMatch(/\{\{|Handlebars/);
  });

  it('offers the six templates, each with its planned values', () => {
    for (const template of TEMPLATES) {
      expect(html).toContain(`id="tpl-${template.id}"`);
      expect(html).toContain(template.name.en);
      expect(html).toContain(`id="values-${template.id}"`);
    }
  });
});
