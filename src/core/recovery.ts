import { arithmeticChildren, type TreeNode } from './tree';

/** A node's figures for one period; null where nothing has been entered. */
export interface PeriodFigures {
  readonly plan: number | null;
  readonly actual: number | null;
}

export interface Recovery {
  /** KGI recovered if this node alone were restored to plan, others held at their actuals. */
  readonly recoverable: Map<string, number | null>;
  /** The stage to fix (a leaf of the arithmetic), or null when every stage is on plan. */
  readonly bottleneck: string | null;
}

/**
 * The partner's actual in a slope. A partner rate whose denominator is this node's 0 is 0 ÷ 0,
 * undefined rather than missing: its plan stands in (no orders, so no average deal size: a win
 * rate of 0 on 90 deals still recovers 90 × 30% × the planned deal size).
 */
function partnerValue(node: TreeNode, figures: ReadonlyMap<string, PeriodFigures>): number | null {
  const partner = figures.get(node.partner!.id);
  if (partner?.actual !== null && partner?.actual !== undefined) return partner.actual;
  const own = figures.get(node.id)?.actual ?? null;
  return node.partner!.kind === 'factor' && own === 0 ? (partner?.plan ?? null) : null;
}

/**
 * The domain brief's rule, as the tree sheet's formulas apply it: the KGI is affine in each
 * node, so restoring one recovers (plan − actual) × ∂KGI/∂node, where ∂KGI/∂node is the product
 * of the partners' actuals up the path (1 at sums), negative for a churn rate entering as
 * (1 − rate). The bottleneck is the stage recovering most; a stage with nothing achieved ranks
 * first; ties go to the earliest.
 */
export function recovery(nodes: readonly TreeNode[], figures: ReadonlyMap<string, PeriodFigures>): Recovery {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const slope = new Map<string, number | null>();
  const recoverable = new Map<string, number | null>();
  for (const node of nodes) {
    if (node.kind === 'tracked') continue;
    const parent = node.parent === null ? null : byId.get(node.parent)!;
    let s: number | null = 1;
    if (parent) {
      const up = slope.get(parent.id) ?? null;
      if (parent.combine === 'sum') s = up;
      else {
        const partner = partnerValue(node, figures);
        s = up === null || partner === null ? null : up * (node.partner!.complement ? 1 - partner : partner) * (node.complement ? -1 : 1);
      }
    }
    slope.set(node.id, s);
    const { plan, actual } = figures.get(node.id) ?? { plan: null, actual: null };
    // A slope of 0 recovers nothing, whatever the actual (an average deal size with no orders).
    recoverable.set(node.id, s === null || plan === null ? null : s === 0 ? 0 : actual === null ? null : Math.max(0, (plan - actual) * s));
  }
  let bottleneck: string | null = null;
  let best = 0;
  for (const node of nodes) {
    if (node.kind === 'tracked' || arithmeticChildren(node).length > 0) continue;
    const { plan, actual } = figures.get(node.id) ?? { plan: null, actual: null };
    if (actual === null) continue;
    const nothingAchieved = actual === 0 && !node.complement && (plan ?? 0) > 0;
    const score = nothingAchieved ? Infinity : (recoverable.get(node.id) ?? null);
    if (score === null) continue;
    if (score > best) {
      best = score;
      bottleneck = node.id;
    }
  }
  return { recoverable, bottleneck };
}
