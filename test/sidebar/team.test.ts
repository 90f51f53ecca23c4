import { allocationWarning, teamCard } from '../../sidebar/client/team';
import type { TeamMember, TeamStatus } from '../../src/rpc';

const nodes: TeamStatus['nodes'] = [
  { nodeId: 'revenue', label: 'Revenue', unit: 'yen', stage: false },
  { nodeId: 'orders', label: 'Orders', unit: 'count', stage: false },
  { nodeId: 'win_rate', label: 'Win rate', unit: 'rate', stage: true },
  { nodeId: 'deals', label: 'Deals', unit: 'count', stage: true },
];

const member = (fields: Partial<TeamMember> = {}): TeamMember => ({
  name: 'Aiko',
  allocation: 60_000_000,
  share: 0.5,
  bottleneck: { nodeId: 'win_rate', label: 'Win rate' },
  recoverable: 880_000,
  figures: [
    { nodeId: 'revenue', actual: 4_400_000, plan: 5_000_000, achievement: 0.88 },
    { nodeId: 'orders', actual: 2, plan: 2.5, achievement: 0.8 },
    { nodeId: 'win_rate', actual: 0.25, plan: 0.3, achievement: 0.25 / 0.3 },
    { nodeId: 'deals', actual: 8, plan: 8.5, achievement: null },
  ],
  ...fields,
});

const status = (fields: Partial<TeamStatus> = {}): TeamStatus => ({
  treeSheet: 'New business',
  teamSheet: 'Team · New business',
  period: '2026-04',
  nodes,
  kgi: 120_000_000,
  allocated: 120_000_000,
  allocationWarning: '',
  people: [member()],
  total: null,
  ...fields,
});

describe('a person’s card in the Team view', () => {
  it('says the stage they are stuck at and the KGI it recovers, with the KGI and each stage as actual → plan (achievement)', () => {
    const card = teamCard(status(), member(), 'en');
    expect(card.headline).toBe('Stuck at: Win rate');
    expect(card.recoverable).toBe('¥880,000 KGI recoverable');
    expect(card.allocation).toBe('¥60,000,000 (50%)');
    expect(card.lines).toEqual([
      { nodeId: 'revenue', label: 'Revenue', figures: '¥4,400,000 → ¥5,000,000 (88%)', stuck: false },
      { nodeId: 'win_rate', label: 'Win rate', figures: '25% → 30% (83.3%)', stuck: true },
      { nodeId: 'deals', label: 'Deals', figures: '8 → 8.5', stuck: false },
    ]);
    const ja = teamCard(status(), member(), 'ja');
    expect([ja.headline, ja.recoverable]).toEqual(['つまずき: Win rate', '回復できるKGI ¥880,000']);
  });

  it('asks for an allocation before naming a stage; the team total needs none', () => {
    const none = member({ allocation: null, share: null, bottleneck: null, recoverable: null });
    expect(teamCard(status(), none, 'en').headline).toBe('No allocation yet: type it in the Team sheet, or split the KGI evenly.');
    expect(teamCard(status(), none, 'en').allocation).toBe('—');
    expect(teamCard(status(), none, 'en', true).headline).toBe('No stage under plan.');
    expect(teamCard(status(), member({ bottleneck: null }), 'ja').headline).toBe('計画未達の段階はありません。');
  });
});

describe('the allocation warning', () => {
  it('says the allocations and the KGI when the sheet flags them, and nothing when they add up', () => {
    expect(allocationWarning(status(), 'en')).toBeNull();
    const off = status({ allocated: 116_000_000, allocationWarning: 'flagged' });
    expect(allocationWarning(off, 'en')).toBe(
      'The allocations add up to ¥116,000,000, not the KGI ¥120,000,000: type each share in the Team sheet, or split evenly.',
    );
    expect(allocationWarning(off, 'ja')).toMatch(/^配分の合計は ¥116,000,000 で、KGI ¥120,000,000 と一致しません。/);
  });
});
