import { forOwner, groupByOwner, ownersOf, protectionText } from '../../sidebar/client/owners';
import { MESSAGES } from '../../sidebar/client/text';
import type { NodeFigures } from '../../src/rpc';
import { gap, nodeStatus, treeStatus } from './support/status';

const figures = (nodeId: string, owner: string): NodeFigures => ({
  nodeId,
  label: nodeId,
  owner,
  annual: 1,
  periodPlan: 1,
  periodActual: null,
  forecast: null,
});

const status = treeStatus({
  nodes: [
    figures('revenue', ''),
    figures('orders', 'sato@example.co.jp'),
    figures('deals', ' Team West '),
    figures('leads', 'sato@example.co.jp'),
  ],
  bottleneck: nodeStatus('win_rate', 'sato@example.co.jp'),
  underPlan: [nodeStatus('deals', 'Team West'), nodeStatus('leads', 'sato@example.co.jp'), nodeStatus('visits', '')],
  missing: [gap('visits', ''), gap('orders', 'sato@example.co.jp'), gap('deals', 'Team West'), gap('leads', 'sato@example.co.jp')],
});

describe('owners in the status view', () => {
  it('lists each named owner once, in row order, trimmed; blanks are nobody', () => {
    expect(ownersOf(status)).toEqual(['sato@example.co.jp', 'Team West']);
  });

  it('cuts the lists to one owner, whose own bottleneck is the first of their levers', () => {
    const west = forOwner(status, 'Team West');
    expect(west.bottleneck?.nodeId).toBe('deals');
    expect(west.underPlan).toEqual([]);
    expect(west.missing.map((n) => n.nodeId)).toEqual(['deals']);
    const sato = forOwner(status, 'sato@example.co.jp');
    expect(sato.bottleneck?.nodeId).toBe('win_rate');
    expect(sato.underPlan.map((n) => n.nodeId)).toEqual(['leads']);
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
