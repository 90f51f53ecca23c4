import { inTreeLanguage, kgiUnitOf, statusLines, treeLanguageLine, withTree } from '../../sidebar/client/status';
import { templateById } from '../../src/core/templates';
import type { TreeRef } from '../../src/rpc';
import { gap, nodeStatus, treeStatus } from './support/status';

const status = treeStatus({
  fiscalYear: 2025,
  sheetName: 'KPI 2025',
  period: '2025-04 – 2025-06',
  kgi: { plan: 250_000_000, actual: 200_000_000 },
  closedMonths: 3,
  nextToClose: '2025-07',
  bottleneck: nodeStatus('win_rate', 'sato@example.co.jp'),
  underPlan: [nodeStatus('deals', 'Team West', null)],
  missing: [gap('visits', '', ['2025-04']), gap('deals', 'Team West', ['2025-05', '2025-06'])],
});

describe('the status lists', () => {
  it('sum up the period and the KGI, in the KGI’s unit', () => {
    expect(statusLines(status, 'yen', null, 'en').summary).toEqual([
      ['period', '2025-04 – 2025-06'],
      ['kgiProgress', '¥200,000,000 / ¥250,000,000'],
    ]);
    expect(statusLines({ ...status, kgi: { plan: 5, actual: null } }, 'count', null, 'en').summary[1]).toEqual(['kgiProgress', '— / 5']);
  });

  it('group missing actuals by owner, unowned last, and drop the headings for one owner', () => {
    expect(statusLines(status, 'yen', null, 'ja').missing).toEqual([
      { heading: '担当: Team West', lines: ['deals: 2025-05, 2025-06'] },
      { heading: '担当なし', lines: ['visits: 2025-04'] },
    ]);
    const west = statusLines(status, 'yen', 'Team West', 'en');
    expect(west.missing).toEqual([{ heading: null, lines: ['deals: 2025-05, 2025-06'] }]);
    expect(statusLines({ ...status, missing: [] }, 'yen', null, 'en').missing).toEqual([]);
  });
});

describe('the tree sheets listed', () => {
  const ref = (sheetName: string, fiscalYear: number): TreeRef => ({ sheetName, templateId: 'new_business', lang: 'en', fiscalYear });

  it('take a tree updated under its name in its place, and a new one at the end', () => {
    const trees = [ref('KPI 2024', 2024), ref('KPI 2025', 2025)];
    expect(withTree(trees, { ...ref('KPI 2024', 2024), lang: 'ja' }).map((t) => [t.sheetName, t.lang])).toEqual([
      ['KPI 2024', 'ja'],
      ['KPI 2025', 'en'],
    ]);
    expect(withTree(trees, ref('KPI 2026', 2026)).map((t) => t.sheetName)).toEqual(['KPI 2024', 'KPI 2025', 'KPI 2026']);
  });

  it('show figures in the unit of their template’s KGI', () => {
    expect(kgiUnitOf('new_business')).toBe('yen');
    expect(kgiUnitOf('inside_sales')).toBe('count');
    expect(kgiUnitOf('unknown')).toBe('count');
  });
});

describe('a tree’s language beside the sidebar’s', () => {
  const tree = { nodes: templateById('new_business')!.nodes };

  it('keeps the tree’s labels in its own language, whichever the sidebar speaks', () => {
    const inJapanese = inTreeLanguage({ tree, lang: 'ja' });
    expect(inJapanese.nodes.find((n) => n.id === 'win_rate')?.label).toEqual({ en: '受注率', ja: '受注率' });
    expect(inTreeLanguage({ tree, lang: 'en' }).nodes.find((n) => n.id === 'win_rate')?.label).toEqual({ en: 'Win rate', ja: 'Win rate' });
    expect(inJapanese.nodes.map((n) => n.id)).toEqual(tree.nodes.map((n) => n.id));
  });

  it('is said in the sidebar’s language', () => {
    expect(treeLanguageLine({ lang: 'ja' })).toEqual({ en: 'Sheet language: Japanese', ja: 'シートの言語: 日本語' });
    expect(treeLanguageLine({ lang: 'en' })).toEqual({ en: 'Sheet language: English', ja: 'シートの言語: 英語' });
  });
});
