import { KpiError, type Localized } from './i18n';

/** What a node's figures are counted in. Counts and yen are whole numbers; rates are fractions. */
export type Unit = 'yen' | 'count' | 'rate';

/**
 * How a node's plan arises.
 * - `goal`: the KGI, set by the planner.
 * - `volume`: a count or an amount the reverse calculation solves for from its parent
 *   (a planner may still override it, which is what the coherence line then checks).
 * - `factor`: a rate or a size the planner sets; its actual is derived from actual counts.
 * - `tracked`: a process KPI outside the arithmetic, with its own plan and actuals.
 */
export type NodeKind = 'goal' | 'volume' | 'factor' | 'tracked';

/** main KPI (主要KPI), process KPI (プロセスKPI), the key success factor (CSF/KFS), or the KGI. */
export type Role = 'kgi' | 'main' | 'process' | 'csf';

export type Combine = 'product' | 'sum';

export interface NodeDef {
  /** Stable identity, kept in the sheet's key column: survives moved rows and rebuilds. */
  readonly id: string;
  readonly parent: string | null;
  readonly label: Localized;
  readonly unit: Unit;
  readonly kind: NodeKind;
  /** How a goal or volume node combines the children that enter its arithmetic. */
  readonly combine?: Combine;
  /** Lower is better: a churn rate, a cost, a complaint rate. */
  readonly lowerIsBetter?: boolean;
  /** The factor enters its parent's product as (1 − value): a churn rate against retention. */
  readonly complement?: boolean;
  /**
   * A level at a point in time (customers at month end), not a flow: each month's target is
   * the year's, and a period's actual is the last month entered.
   */
  readonly stock?: boolean;
  readonly role: Role;
  /** The written definition: formula and counting rule (計算式・集計ルール). */
  readonly definition: Localized;
  /**
   * The planned value the planner sets: a factor's rate or size, a volume's share of a sum
   * parent, a tracked KPI's annual target.
   */
  readonly plan?: number;
}

export interface Tree {
  readonly nodes: readonly NodeDef[];
}

/** A node in tree order, with what the layout and the arithmetic need to know about it. */
export interface TreeNode extends NodeDef {
  readonly depth: number;
  readonly children: readonly TreeNode[];
  /** Whether this node is the last of its siblings, for the └ / ├ connectors. */
  readonly isLast: boolean;
  /** In a product: the sibling it multiplies with. */
  readonly partner?: TreeNode;
}

const ID = /^[a-z][a-z0-9_]{0,39}$/;

/** A tree error, naming the node it concerns so the sidebar can show it beside that input. */
function fail(en: string, ja: string, node = 'tree'): never {
  throw new KpiError({ en: `KPI tree: ${en}`, ja: `KPIツリー: ${ja}` }, node);
}

/**
 * A tree whose shape is wrong: only template data can cause it (people add nodes through checked
 * forms, and the tests build every template), so it is said for developers, in English.
 */
function malformed(en: string, node = 'tree'): never {
  throw new KpiError({ en: `KPI tree: ${en}`, ja: `KPIツリー: ${en}` }, node);
}

/** Whether a person types this node's monthly actuals (counts and money; sums and rates follow). */
/**
 * A tracked level (a rate, an average, days: the catalogue's levels) is measured, not counted:
 * its target and actuals may have decimals, where counts and amounts are whole.
 */
export const takesDecimals = (node: NodeDef): boolean => node.kind === 'tracked' && node.stock === true;

export const isTyped = (node: NodeDef): boolean => node.kind === 'tracked' || (node.kind !== 'factor' && node.combine !== 'sum');

/** The stages a bottleneck can name: the leaves of the arithmetic, which a team can act on. */
export const isStage = (node: TreeNode): boolean => node.kind !== 'tracked' && arithmeticChildren(node).length === 0;

/** Children that enter the arithmetic (tracked KPIs hang below a node but never change it). */
export function arithmeticChildren(node: TreeNode): readonly TreeNode[] {
  return node.children.filter((c) => c.kind !== 'tracked');
}

/**
 * Validates a tree and returns its nodes in tree order (depth first, as declared).
 * Everything that would make a sheet wrong is refused here, before anything is written.
 */
export function orderTree(tree: Tree): TreeNode[] {
  const byId = new Map<string, NodeDef>();
  for (const node of tree.nodes) {
    if (!ID.test(node.id)) {
      malformed(`node id "${node.id}" must be lower-case letters, digits and _ (start with a letter).`);
    }
    if (byId.has(node.id)) malformed(`node id "${node.id}" is used twice.`);
    byId.set(node.id, node);
  }
  const roots = tree.nodes.filter((n) => n.parent === null);
  if (roots.length !== 1 || roots[0].kind !== 'goal') {
    malformed('the tree needs exactly one KGI at its root.');
  }
  for (const node of tree.nodes) {
    if (node.parent !== null && !byId.has(node.parent)) {
      malformed(`"${node.id}" names an unknown parent "${node.parent}".`);
    }
    if (node.kind === 'goal' && node.parent !== null) {
      malformed(`"${node.id}" is a KGI but not the root.`);
    }
  }
  const childrenOf = new Map<string, NodeDef[]>();
  for (const node of tree.nodes) {
    if (node.parent !== null) childrenOf.set(node.parent, [...(childrenOf.get(node.parent) ?? []), node]);
  }

  const ordered: TreeNode[] = [];
  const build = (def: NodeDef, depth: number, isLast: boolean): TreeNode => {
    const node: { -readonly [K in keyof TreeNode]: TreeNode[K] } = { ...def, depth, isLast, children: [] };
    ordered.push(node);
    // Rates, sizes and tracked KPIs first, the volume last: the chain then reads top-down
    // (revenue, deal size, orders, win rate, deals, …) with each factor beside its product.
    const declared = childrenOf.get(def.id) ?? [];
    const kids = [...declared.filter((k) => k.kind !== 'volume'), ...declared.filter((k) => k.kind === 'volume')];
    node.children = kids.map((kid, i) => build(kid, depth + 1, i === kids.length - 1));
    // In a product, the volume and the factor are each other's partner (checked below).
    const [volume, factor] = [node.children.find((k) => k.kind === 'volume'), node.children.find((k) => k.kind === 'factor')];
    if (def.combine === 'product' && volume && factor) {
      (volume as { partner?: TreeNode }).partner = factor;
      (factor as { partner?: TreeNode }).partner = volume;
    }
    return node;
  };
  build(roots[0], 0, true);
  if (ordered.length !== tree.nodes.length) {
    const cut = tree.nodes.filter((n) => !ordered.some((o) => o.id === n.id)).map((n) => n.id);
    malformed(`nodes ${cut.join(', ')} form a cycle, cut off from the KGI.`);
  }
  for (const node of ordered) checkNode(node);
  return ordered;
}

function checkNode(node: TreeNode): void {
  const name = node.id;
  const kids = arithmeticChildren(node);
  const plan = node.plan;
  if (node.kind === 'factor' || node.kind === 'tracked') {
    if (kids.length > 0) malformed(`"${node.label.en}" is a ${node.kind} and cannot have children that enter the arithmetic.`, name);
  }
  if (node.kind === 'factor') {
    if (plan === undefined || !Number.isFinite(plan) || plan <= 0) {
      fail(
        `factor "${node.label.en}" needs a planned value greater than 0.`,
        `要素「${node.label.ja}」には 0 より大きい計画値が必要です。`,
        name,
      );
    }
    if (node.unit === 'rate' && !node.complement && plan > 1) {
      fail(
        `rate "${node.label.en}" must be within (0, 1] (0–100%), got ${plan}.`,
        `率「${node.label.ja}」は 0〜100% の範囲で指定してください（受け取った値: ${plan}）。`,
        name,
      );
    }
    if (node.complement && (node.unit !== 'rate' || plan >= 1)) {
      fail(
        `"${node.label.en}" enters as (1 − rate) and must be a rate below 100%, got ${plan}.`,
        `「${node.label.ja}」は (1 − 率) で計算するため 100% 未満の率にしてください（受け取った値: ${plan}）。`,
        name,
      );
    }
  }
  if (node.kind === 'tracked' && (plan === undefined || !Number.isFinite(plan) || plan < 0)) {
    fail(
      `process KPI "${node.label.en}" needs an annual plan of 0 or more.`,
      `プロセスKPI「${node.label.ja}」には 0 以上の年間計画が必要です。`,
      name,
    );
  }
  if (node.kind === 'volume' && plan !== undefined && !(Number.isFinite(plan) && plan >= 0)) {
    fail(
      `"${node.label.en}" needs a planned value of 0 or more, got ${plan}.`,
      `「${node.label.ja}」の計画値は 0 以上にしてください（受け取った値: ${plan}）。`,
      name,
    );
  }
  if (node.kind === 'goal' || node.kind === 'volume') {
    if (node.unit === 'rate') malformed(`"${node.label.en}" is solved by reverse calculation and must be a count or an amount.`, name);
    if (node.combine && kids.length === 0) {
      malformed(`${node.combine} node "${node.label.en}" has no children.`, name);
    }
    if (!node.combine && kids.length > 0) {
      malformed(`"${node.label.en}" has children but does not say how it combines them (product or sum).`, name);
    }
  }
  if (node.combine === 'product') {
    const volumes = kids.filter((k) => k.kind === 'volume');
    const factors = kids.filter((k) => k.kind === 'factor');
    if (volumes.length !== 1 || factors.length !== 1 || kids.length !== 2) {
      malformed(`product node "${node.label.en}" needs exactly one volume and one factor (a count times a rate or size).`, name);
    }
  }
  if (node.combine === 'sum') {
    if (kids.some((k) => k.kind !== 'volume')) {
      malformed(`sum node "${node.label.en}" adds up counts or amounts only.`, name);
    }
    const shares = kids.map((k) => k.plan ?? NaN);
    if (shares.some((s) => !(s > 0 && s <= 1))) {
      fail(
        `each channel under "${node.label.en}" needs a share within (0, 1].`,
        `「${node.label.ja}」の各内訳には 0〜100% の構成比が必要です。`,
        name,
      );
    }
    // Shares are typed as percentages: compare in millionths so 0.1 + 0.2 + 0.7 is exactly 1.
    const millionths = shares.reduce((total, share) => total + Math.round(share * 1e6), 0);
    if (millionths !== 1e6) {
      fail(`the shares under "${node.label.en}" must add up to 100%.`, `「${node.label.ja}」の構成比の合計を 100% にしてください。`, name);
    }
  }
}
