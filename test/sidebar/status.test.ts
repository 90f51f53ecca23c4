import { kgiUnitOf, statusLines, withTree } from '../../sidebar/client/status';
import { templateById } from '../../src/core/templates';
import type { MissingInput, NodeStatus, TreeRef, TreeStatus } from '../../src/rpc';

const node = (nodeId: string, owner: string, achievement: number | null = 0.5): NodeStatus => ({
  nodeId,
  label: nodeId,
  owner,
  achievement,
  recoverable: achievement === null ? null : 12_000_000,
});
const gap = (nodeId: string, owner: string, months = ['2025-04']): MissingInput => ({ nodeId, label: nodeId, owner, months });

const status: TreeStatus = {
  lang: 'en',
  fiscalYear: 2025,
  startMonth: 4,
  weights: Array(12).fill(1),
  sheetName: 'KPI 2025',
  period: '2025-04 – 2025-06',
  kgi: { plan: 250_000_000, actual: 200_000_000 },
  kgiTarget: 1e9,
  tree: templateById('new_business')!,
  nodes: [],
  months: [],
  closedMonths: 3,
  nextToClose: '2025-07',
  ownerProtection: false,
  bottleneck: node('win_rate', 'sato@example.co.jp'),
  underPlan: [node('deals', 'Team West', null)],
  missing: [gap('visits', ''), gap('deals', 'Team West', ['2025-05', '2025-06'])],
};

describe('the status lists', () => {
  it('sum up the period and the KGI, in the KGI’s unit', () => {
    expect(statusLines(status, 'yen', null, 'en').summary).toEqual([
      ['period', '2025-04 – 2025-06'],
      ['kgiProgress', '¥200,000,000 / ¥250,000,000'],
    ]);
    expect(statusLines({ ...status, kgi: { plan: 5, actual: null } }, 'count', null, 'en').summary[1]).toEqual(['kgiProgress', '— / 5']);
  });

  it('name the bottleneck with its owner and figures, and say — where a figure is unknown', () => {
    const lines = statusLines(status, 'yen', null, 'en');
    expect(lines.bottleneck).toEqual({
      name: 'win_rate — sato@example.co.jp',
      facts: [
        ['achievement', '50%'],
        ['recoverable', '¥12,000,000'],
      ],
    });
    expect(lines.underPlan).toEqual([
      {
        name: 'deals — Team West',
        facts: [
          ['achievement', '—'],
          ['recoverable', '—'],
        ],
      },
    ]);
  });

  it('group missing actuals by owner, unowned last, and drop the headings for one owner', () => {
    expect(statusLines(status, 'yen', null, 'ja').missing).toEqual([
      { heading: '担当: Team West', lines: ['deals: 2025-05, 2025-06'] },
      { heading: '担当なし', lines: ['visits: 2025-04'] },
    ]);
    const west = statusLines(status, 'yen', 'Team West', 'en');
    expect(west.missing).toEqual([{ heading: null, lines: ['deals: 2025-05, 2025-06'] }]);
    expect(west.bottleneck).toBe('bottleneckElsewhere');
    expect(statusLines({ ...status, bottleneck: null, missing: [] }, 'yen', null, 'en')).toMatchObject({
      bottleneck: 'noBottleneck',
      missing: [],
    });
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
