import { ceilDiv, mul, sum } from './exact';
import { KpiError } from './i18n';
import { phase } from './phasing';
import { arithmeticChildren, type NodeDef, orderTree, type Tree, type TreeNode } from './tree';

export interface NodePlan {
  readonly node: TreeNode;
  /** The annual target: the KGI, a reverse-calculated volume, or the rate or size set. */
  readonly annual: number;
  /** What the plan's activity yields when multiplied forward (the coherence check). */
  readonly yields: number;
}

export interface TreePlan {
  readonly nodes: readonly NodePlan[];
  /** Plan activity multiplied forward ÷ KGI: 1 or a little more when the plan is coherent. */
  readonly coherence: number;
}

/** The planner's values over the template's defaults, checked: a tree ready to plan or lay out. */
export function withInputs(tree: Tree, inputs: Readonly<Record<string, number>> = {}): Tree {
  const ids = new Set(tree.nodes.map((n) => n.id));
  for (const [id, value] of Object.entries(inputs)) {
    if (!ids.has(id)) {
      throw new KpiError({ en: `Unknown KPI "${id}".`, ja: `KPI「${id}」は存在しません。` }, id);
    }
    if (!Number.isFinite(value)) {
      throw new KpiError(
        { en: `"${id}" needs a number, got ${value}.`, ja: `「${id}」には数値を指定してください（受け取った値: ${value}）。` },
        id,
      );
    }
  }
  return { nodes: tree.nodes.map((n): NodeDef => (n.id in inputs ? { ...n, plan: inputs[n.id] } : n)) };
}

/**
 * The typed inputs the tree accepts. A sheet can hold one the tree refuses (a rate of 0 pasted
 * past the cell's validation): the sheet flags that row itself, and reading the tree leaves the
 * input out (the template's plan stands in) so every other figure can still be read.
 */
export function acceptedInputs(tree: Tree, inputs: Readonly<Record<string, number>>): Record<string, number> {
  const accepted = { ...inputs };
  for (;;) {
    try {
      orderTree(withInputs(tree, accepted));
      return accepted;
    } catch (error) {
      if (!(error instanceof KpiError) || error.field === undefined || !(error.field in accepted)) throw error;
      delete accepted[error.field];
    }
  }
}

/** The factor's contribution to its parent's product: the rate, or (1 − rate) for a churn rate. */
const factorValue = (node: TreeNode, value: number): number => (node.complement ? sum([1, -value]) : value);

/**
 * Reverse-calculates every node from the KGI, rounding each whole-number stage up (a planner
 * needs enough deals), then multiplies the planned activity forward to check it reaches the KGI.
 * Throws KpiError, naming the node as field, on bad input.
 */
export function planTree(tree: Tree, kgi: number, inputs: Readonly<Record<string, number>> = {}): TreePlan {
  if (!Number.isFinite(kgi) || kgi <= 0) {
    throw new KpiError(
      {
        en: `The KGI must be a number greater than 0, got ${kgi}.`,
        ja: `KGIには 0 より大きい数値を指定してください（受け取った値: ${kgi}）。`,
      },
      'kgi',
    );
  }
  const nodes = orderTree(withInputs(tree, inputs));
  const annual = new Map<string, number>();
  for (const node of nodes) annual.set(node.id, annualTarget(node, kgi, annual, nodes));

  const yields = new Map<string, number>();
  const forward = (node: TreeNode): number => {
    const kids = arithmeticChildren(node);
    let value: number;
    if (kids.length === 0 || !node.combine) value = annual.get(node.id)!;
    else if (node.combine === 'sum') value = sum(kids.map(forward));
    else value = mul(...kids.map((k) => (k.kind === 'factor' ? factorValue(k, forward(k)) : forward(k))));
    yields.set(node.id, value);
    return value;
  };
  nodes.filter((n) => n.kind === 'tracked').forEach(forward);
  const root = forward(nodes[0]);
  return {
    nodes: nodes.map((node) => ({ node, annual: annual.get(node.id)!, yields: yields.get(node.id)! })),
    coherence: root / kgi,
  };
}

function annualTarget(node: TreeNode, kgi: number, annual: ReadonlyMap<string, number>, nodes: readonly TreeNode[]): number {
  if (node.kind === 'goal') return kgi;
  if (node.kind !== 'volume') return node.plan!;
  const parent = nodes.find((n) => n.id === node.parent)!;
  const parentPlan = annual.get(parent.id)!;
  if (parent.combine === 'sum') return ceilDiv(mul(parentPlan, node.plan!), 1);
  // A volume under a product is solved from its parent, unless the planner set its own target.
  if (node.plan !== undefined) return node.plan;
  const factor = node.partner!;
  return ceilDiv(parentPlan, factorValue(factor, factor.plan!));
}

/**
 * The shares of a sum's channels once a new channel takes `share`: the others shrink in
 * proportion and, counted in millionths by largest remainder, all still add up to 100% exactly.
 */
export function makeRoomFor(share: number, shares: readonly number[]): number[] {
  const rest = 1e6 - Math.round(share * 1e6);
  return phase(
    rest,
    shares.map((s) => Math.round(s * 1e6)),
    true,
  ).map((m) => m / 1e6);
}
