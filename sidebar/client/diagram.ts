/**
 * The tree drawn as an indented outline with elbow connectors: it reads top-down like the
 * sheet and fits 300 px at any depth. One geometry serves the gallery's miniatures (drawn at
 * build time) and the live diagram beside the plan form (drawn in the browser).
 */
import type { TreeNode } from '../../src/core/tree';

export interface Geometry {
  /** Height of one node's row. */
  readonly row: number;
  /** Horizontal step per level. */
  readonly indent: number;
  readonly pad: number;
}

export interface DiagramRow {
  readonly node: TreeNode;
  readonly x: number;
  /** The vertical middle of the row. */
  readonly y: number;
  /** SVG path from the parent's marker down and across to this one; null for the root. */
  readonly connector: string | null;
}

export function diagramRows(nodes: readonly TreeNode[], g: Geometry): DiagramRow[] {
  const rows: DiagramRow[] = [];
  const byId = new Map<string, DiagramRow>();
  nodes.forEach((node, i) => {
    const x = g.pad + node.depth * g.indent;
    const y = g.pad + i * g.row + g.row / 2;
    const parent = node.parent === null ? undefined : byId.get(node.parent);
    const connector = parent ? `M${parent.x} ${parent.y}V${y}H${x}` : null;
    const row = { node, x, y, connector };
    rows.push(row);
    byId.set(node.id, row);
  });
  return rows;
}

export const diagramHeight = (count: number, g: Geometry): number => g.pad * 2 + count * g.row;

export const diagramDepth = (nodes: readonly TreeNode[]): number => Math.max(0, ...nodes.map((n) => n.depth));
