import type { TreeNode } from '../../src/core/tree';

/** How a planned value is typed: rates and channel shares as percent, sizes as amounts. */
export type FieldUnit = 'percent' | 'amount';

export interface PlannedField {
  readonly node: TreeNode;
  readonly unit: FieldUnit;
}

/** The values a planner sets for a template: factors (rates, sizes) and channel shares of sums. */
export function plannedFields(nodes: readonly TreeNode[]): PlannedField[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return nodes.flatMap((node): PlannedField[] => {
    if (node.kind === 'factor') return [{ node, unit: node.unit === 'rate' ? 'percent' : 'amount' }];
    const parent = node.parent === null ? undefined : byId.get(node.parent);
    if (node.kind === 'volume' && parent?.combine === 'sum') return [{ node, unit: 'percent' }];
    return [];
  });
}
