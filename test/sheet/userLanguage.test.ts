/**
 * A person's choice of the sidebar's language is theirs: kept in their user properties (no new
 * OAuth scope), it opens their next sidebar in any spreadsheet, whatever its locale, and is
 * never another person's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryWorkbook } from '../../build/sheets/memoryWorkbook';
import { UserProperties } from '../../build/sheets/userProperties';
import { KpiError } from '../../src/core/i18n';
import { VOCABULARY } from '../../src/core/vocabulary';
import { createServerApi } from '../../src/server/api';

const apiIn = (locale: string, people: UserProperties) =>
  createServerApi({
    workbook: new MemoryWorkbook({ locale }),
    today: () => new Date(2025, 6, 15),
    vocabulary: () => VOCABULARY,
    userProperties: () => people.store(),
  });

describe('the sidebar’s language', () => {
  it('follows the spreadsheet’s locale until the person chooses one', () => {
    const people = new UserProperties();
    expect(apiIn('ja_JP', people).getContext().lang).toBe('ja');
    expect(apiIn('en_US', people).getContext().lang).toBe('en');
  });

  it('is remembered for the person, in every spreadsheet they open', () => {
    const people = new UserProperties();
    apiIn('en_US', people).setLanguage('ja');
    expect(apiIn('en_US', people).getContext().lang).toBe('ja');
    expect(apiIn('en_GB', people).getContext().lang).toBe('ja');
    apiIn('ja_JP', people).setLanguage('en');
    expect(apiIn('ja_JP', people).getContext().lang).toBe('en');
  });

  it('is one person’s: a colleague keeps the spreadsheet’s', () => {
    const people = new UserProperties();
    apiIn('en_US', people).setLanguage('ja');
    people.as('colleague@example.com');
    expect(apiIn('en_US', people).getContext().lang).toBe('en');
  });

  it('refuses a language the sidebar does not speak', () => {
    const people = new UserProperties();
    expect(() => apiIn('en_US', people).setLanguage('fr' as 'en')).toThrow(KpiError);
    expect(apiIn('ja_JP', people).getContext().lang).toBe('ja');
  });

  it('asks for no OAuth scope beyond the manifest’s two', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../appsscript.json'), 'utf8')) as { oauthScopes: string[] };
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
    ]);
  });
});
