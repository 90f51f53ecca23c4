import { forOwner, groupByOwner, ownersOf, protectionText } from '../../sidebar/client/owners';
import { MESSAGES } from '../../sidebar/client/text';
import { templateById } from '../../src/core/templates';
import type { MissingInput, NodeStatus, TreeStatus } from '../../src/rpc';

const node = (nodeId: string, owner: string): NodeStatus => ({ nodeId, label: nodeId, owner, achievement: 0.5, recoverable: 1 });
const gap = (nodeId: string, owner: string): MissingInput => ({ nodeId, label: nodeId, owner, months: ['2026-04'] });
const figures = (nodeId: string, owner: string) => ({
  nodeId,
  label: nodeId,
  owner,
  annual: 1,
  periodPlan: 1,
  periodActual: null,
  forecast: null,
});

const status: TreeStatus = {
  lang: 'en',
  fiscalYear: 2026,
  startMonth: 4,
  weights: Array(12).fill(1),
  sheetName: 'KPI 2026',
  period: '2026-05',
  kgi: { plan: 1, actual: null },
  kgiTarget: 12,
  tree: templateById('new_business')!,
  nodes: [
    figures('revenue', ''),
    figures('orders', 'sato@example.co.jp'),
    figures('deals', ' Team West '),
    figures('leads', 'sato@example.co.jp'),
  ],
  months: ['2026-04', '2026-05'],
  closedMonths: 1,
  nextToClose: '2026-05',
  ownerProtection: false,
  bottleneck: node('win_rate', 'sato@example.co.jp'),
  underPlan: [node('deals', 'Team West'), node('leads', 'sato@example.co.jp'), node('visits', '')],
  missing: [gap('visits', ''), gap('orders', 'sato@example.co.jp'), gap('deals', 'Team West'), gap('leads', 'sato@example.co.jp')],
};

describe('owners in the status view', () => {
  it('lists each named owner once, in row order, trimmed; blanks are nobody', () => {
    expect(ownersOf(status)).toEqual(['sato@example.co.jp', 'Team West']);
  });

  it('cuts the bottleneck, under-plan and missing lists to one owner', () => {
    const west = forOwner(status, 'Team West');
    expect(west.bottleneck).toBeNull();
    expect(west.underPlan.map((n) => n.nodeId)).toEqual(['deals']);
    expect(west.missing.map((n) => n.nodeId)).toEqual(['deals']);
    const sato = forOwner(status, 'sato@example.co.jp');
    expect(sato.bottleneck?.nodeId).toBe('win_rate');
    expect(sato.missing.map((n) => n.nodeId)).toEqual(['orders', 'leads']);
    expect(forOwner(status, null)).toBe(status);
  });

  it('groups missing inputs by owner, unowned rows last', () => {
    expect(groupByOwner(status.missing).map((g) => [g.owner, g.missing.map((m) => m.nodeId)])).toEqual([
      ['sato@example.co.jp', ['orders', 'leads']],
      ['Team West', ['deals']],
      ['', ['visits']],
    ]);
    expect(groupByOwner([])).toEqual([]);
  });
});

describe('owners’ row protection', () => {
  it('says how many rows it protected, or that it is off', () => {
    expect(protectionText(true, 1).en).toBe('1 row protected: only its owner edits it.');
    expect(protectionText(true, 3).ja).toBe('3 行を保護しました。担当者だけが編集できます。');
    expect(protectionText(false, 0)).toBe(MESSAGES.protectOff);
  });
});
