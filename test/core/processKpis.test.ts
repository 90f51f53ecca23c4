import { PROCESS_KPI_GROUPS } from '../../src/core/processKpis';

const kpis = PROCESS_KPI_GROUPS.flatMap((group) => group.kpis);

describe('the catalogue of process KPIs', () => {
  it('holds the brief’s stages and tactics, some sixty to a hundred KPIs', () => {
    expect(PROCESS_KPI_GROUPS.map((g) => g.name.en)).toEqual(
      expect.arrayContaining([
        'Any lead source',
        'Own website',
        'Lead-generation portals',
        'Exhibitions',
        'Telephone prospecting',
        'Door-to-door',
        'Referrals',
        'Networking events',
        'Outsourced lead generation',
        'Nurturing',
        'Closing',
        'Retention',
      ]),
    );
    expect(kpis.length).toBeGreaterThanOrEqual(60);
    expect(kpis.length).toBeLessThanOrEqual(100);
  });

  it('says every group, label and definition in both languages', () => {
    for (const text of [...PROCESS_KPI_GROUPS.map((g) => g.name), ...kpis.flatMap((k) => [k.label, k.definition])]) {
      expect(text.en.trim()).not.toBe('');
      expect(text.ja.trim()).not.toBe('');
      expect(text.ja).not.toBe(text.en);
    }
  });

  it('gives every KPI and every group a unique id the sheet accepts', () => {
    const ids = kpis.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(PROCESS_KPI_GROUPS.map((g) => g.id)).size).toBe(PROCESS_KPI_GROUPS.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9_]*$/);
    // Labels fit the server's 1–100 characters.
    for (const k of kpis) expect(Math.max(k.label.en.length, k.label.ja.length)).toBeLessThanOrEqual(100);
  });

  it('marks costs, delays and unsubscribes lower-is-better, and only those', () => {
    const lower = kpis
      .filter((k) => k.lowerIsBetter)
      .map((k) => k.id)
      .sort();
    expect(lower).toEqual([
      'cost_per_lead',
      'cpc',
      'days_since_purchase',
      'days_since_visit',
      'days_to_close',
      'proposal_to_contract_days',
      'unsubscribes',
    ]);
  });
});

describe('where the catalogue goes', () => {
  it('stays out of the server code (it is sidebar data): only the sidebar imports it', () => {
    const { readdirSync, readFileSync } = require('node:fs') as typeof import('node:fs');
    const { join } = require('node:path') as typeof import('node:path');
    const src = join(__dirname, '../../src');
    const files = [join(src, 'main.ts'), ...readdirSync(join(src, 'server')).map((f) => join(src, 'server', f))];
    for (const file of files) expect(readFileSync(file, 'utf8')).not.toMatch(/processKpis/);
  });
});
