import type { Lang } from '../../src/core/i18n';
import type { TreePlan } from '../../src/core/plan';
import { diagramHeight, diagramRows, type Geometry } from './diagram';
import { svg } from './dom';
import { formatValue } from './format';

const LIVE: Geometry = { row: 30, indent: 14, pad: 6 };
const WIDTH = 268;

/** The chosen template's tree with each node's planned figure; redrawn on every keystroke. */
export function renderLiveDiagram(target: SVGSVGElement, plan: TreePlan | null, lang: Lang): void {
  target.replaceChildren();
  if (!plan) {
    target.setAttribute('height', '0');
    return;
  }
  const annual = new Map(plan.nodes.map((p) => [p.node.id, p.annual]));
  const rows = diagramRows(
    plan.nodes.map((p) => p.node),
    LIVE,
  );
  const height = diagramHeight(rows.length, LIVE);
  target.setAttribute('viewBox', `0 0 ${WIDTH} ${height}`);
  target.setAttribute('height', String(height));
  for (const row of rows) {
    if (row.connector) target.append(svg('path', { d: row.connector, class: 'edge' }));
  }
  for (const { node, x, y } of rows) {
    const value = annual.get(node.id) ?? 0;
    target.append(
      svg('circle', { cx: x, cy: y, r: 3.5, class: `k-${node.kind}` }),
      svg('text', { x: x + 8, y: y - 3, class: 'label' }, node.label[lang]),
      svg('text', { x: x + 8, y: y + 10, class: 'value' }, formatValue(value, node.unit, lang)),
    );
  }
}
