import fc from 'fast-check';
import { makeRoomFor, planTree } from '../../src/core/plan';
import { TEMPLATES, templateById } from '../../src/core/templates';
import { type NodeDef, orderTree } from '../../src/core/tree';
import { refusal } from '../support/refusal';

const t = (text: string) => ({ en: text, ja: text });
const goal: NodeDef = {
  id: 'revenue',
  parent: null,
  kind: 'goal',
  unit: 'yen',
  combine: 'product',
  role: 'kgi',
  label: t('Revenue'),
  definition: t(''),
};
const orders: NodeDef = {
  id: 'orders',
  parent: 'revenue',
  kind: 'volume',
  unit: 'count',
  role: 'main',
  label: t('Orders'),
  definition: t(''),
};
const size: NodeDef = {
  id: 'size',
  parent: 'revenue',
  kind: 'factor',
  unit: 'yen',
  plan: 2_000_000,
  role: 'main',
  label: t('Deal size'),
  definition: t(''),
};

/** The refusal a tree gets: its English and Japanese text and the node it names. */
function treeRefusal(nodes: readonly NodeDef[]): { en: string; ja: string; field?: string } {
  const error = refusal(() => orderTree({ nodes }));
  expect(error.text.ja).toMatch(/^KPIツリー: /);
  return { ...error.text, field: error.field };
}

describe('a tree is checked before anything is written', () => {
  it('accepts every template', () => {
    for (const template of TEMPLATES) expect(orderTree(template)).toHaveLength(template.nodes.length);
  });

  it('refuses a tree without a KGI at its root', () => {
    expect(treeRefusal([orders, size]).en).toMatch(/exactly one KGI at its root/);
    expect(treeRefusal([goal, { ...goal, id: 'second' }, orders, size]).en).toMatch(/exactly one KGI/);
  });

  it('refuses an unknown parent, naming both', () => {
    expect(treeRefusal([goal, orders, size, { ...size, id: 'lost', parent: 'nowhere' }]).en).toMatch(
      /"lost" names an unknown parent "nowhere"/,
    );
  });

  it('refuses a cycle cut off from the KGI', () => {
    const a: NodeDef = { ...orders, id: 'a', parent: 'b' };
    const b: NodeDef = { ...orders, id: 'b', parent: 'a' };
    expect(treeRefusal([goal, orders, size, a, b]).en).toMatch(/nodes a, b form a cycle/);
  });

  it('refuses a product node without its count and its rate', () => {
    expect(treeRefusal([goal])).toMatchObject({ field: 'revenue', en: expect.stringMatching(/product node "Revenue" has no children/) });
    expect(treeRefusal([goal, orders]).en).toMatch(/needs exactly one volume and one factor/);
  });

  it('refuses a rate outside (0, 1], naming the node as the field', () => {
    const rate = (plan: number): NodeDef => ({ ...size, id: 'win', unit: 'rate', plan, label: t('Win rate') });
    expect(treeRefusal([goal, orders, rate(1.3)])).toMatchObject({
      field: 'win',
      en: expect.stringMatching(/rate "Win rate" must be within \(0, 1\]/),
    });
    expect(treeRefusal([goal, orders, rate(0)]).en).toMatch(/greater than 0/);
    expect(treeRefusal([goal, orders, rate(-0.2)]).en).toMatch(/greater than 0/);
  });

  it('refuses channel shares that do not add up to 100%', () => {
    const pipeline = templateById('b2b_pipeline')!;
    const nodes = pipeline.nodes.map((n) => (n.id === 'web_leads' ? { ...n, plan: 0.6 } : n));
    expect(treeRefusal(nodes)).toMatchObject({ field: 'leads', en: expect.stringMatching(/shares under "Leads" must add up to 100%/) });
  });

  it('refuses duplicate and malformed ids', () => {
    expect(treeRefusal([goal, orders, size, { ...size }]).en).toMatch(/"size" is used twice/);
    expect(treeRefusal([goal, orders, { ...size, id: 'Deal Size' }]).en).toMatch(/lower-case letters/);
  });
});

describe('the planner', () => {
  it('reverse-calculates the domain brief’s chain and multiplies it forward', () => {
    const plan = planTree(templateById('new_business')!, 1_000_000_000);
    const annual = Object.fromEntries(plan.nodes.map((n) => [n.node.id, n.annual]));
    expect(annual).toMatchObject({ orders: 500, deals: 1667, leads: 8335, visits: 33340 });
    expect(plan.coherence).toBeGreaterThanOrEqual(1);
  });

  it('shows a planner’s own target that falls short: the 36% example', () => {
    const plan = planTree(templateById('new_business')!, 1_000_000_000, { deals: 600 });
    expect(plan.coherence).toBe(0.36);
  });

  it('names the input that is wrong', () => {
    expect(() => planTree(templateById('new_business')!, 0)).toThrow(expect.objectContaining({ field: 'kgi' }));
    expect(() => planTree(templateById('new_business')!, 1e9, { nonsense: 1 })).toThrow(expect.objectContaining({ field: 'nonsense' }));
    expect(() => planTree(templateById('new_business')!, 1e9, { win_rate: Number.NaN })).toThrow(
      expect.objectContaining({ field: 'win_rate' }),
    );
  });
});

describe('making room for a new channel', () => {
  it('shrinks the other shares in proportion, all still adding up to 100% exactly', () => {
    expect(makeRoomFor(0.1, [0.5, 0.3, 0.2])).toEqual([0.45, 0.27, 0.18]);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999_999 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 8 }),
        (shareMillionths, weights) => {
          const total = weights.reduce((a, b) => a + b, 0);
          const shares = weights.map((w) => w / total);
          const room = makeRoomFor(shareMillionths / 1e6, shares);
          const millionths = room.map((r) => Math.round(r * 1e6));
          expect(millionths.reduce((a, b) => a + b, 0) + shareMillionths).toBe(1e6);
          room.forEach((r, i) => expect(Math.abs(r - shares[i] * (1 - shareMillionths / 1e6))).toBeLessThan(2e-6));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
