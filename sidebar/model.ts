/**
 * What the build renders into the sidebar's markup: the gallery and each template's planned
 * values. Runs in Node (build/sidebar.mjs bundles it); the markup it feeds is escaped by
 * Handlebars, so template texts arrive as text.
 */
import { TEMPLATES, type Template } from '../src/core/templates';
import { orderTree, type TreeNode } from '../src/core/tree';
import { diagramDepth, diagramHeight, diagramRows, type Geometry } from './client/diagram';
import type { FieldModel } from './client/fieldRow';
import { fieldText } from './client/parse';
import { kgiHint, planFieldRow, plannedFields } from './client/planFields';

const MINI: Geometry = { row: 8, indent: 9, pad: 3 };
const MINI_BAR = 22;

/** Labels are text keys, so the page re-says them when the language changes. */
function fieldsOf(template: Template, nodes: readonly TreeNode[]): { kgiField: FieldModel; fields: FieldModel[] } {
  const root = nodes[0];
  const key = (node: TreeNode): string => `node.${template.id}.${node.id}`;
  return {
    kgiField: planFieldRow(`f-${template.id}-kgi`, 'kgi', 'amount', root, {
      label: 'kgi',
      sub: key(root),
      hint: kgiHint(root),
      value: fieldText(template.kgi, 'amount'),
    }),
    fields: plannedFields(nodes).map(({ node, unit }) =>
      planFieldRow(`f-${template.id}-${node.id}`, node.id, unit, node, { label: key(node), value: fieldText(node.plan ?? 0, unit) }),
    ),
  };
}

const FISCAL_YEAR: FieldModel = {
  id: 'fiscal-year',
  field: 'fiscalYear',
  label: 'fiscalYear',
  sub: '',
  hint: '',
  unit: 'year',
  value: '',
  prefix: '',
  suffix: '',
};

function miniDiagram(nodes: readonly TreeNode[]) {
  return {
    width: MINI.pad * 2 + diagramDepth(nodes) * MINI.indent + MINI_BAR,
    height: diagramHeight(nodes.length, MINI),
    rows: diagramRows(nodes, MINI).map((row) => ({
      kind: row.node.kind,
      x: row.x,
      y: row.y - 2,
      bar: MINI_BAR - (row.node.kind === 'factor' || row.node.kind === 'tracked' ? 8 : 0),
      connector: row.connector,
    })),
  };
}

export function sidebarModel() {
  return {
    templates: TEMPLATES.map((template, index) => {
      const nodes = orderTree(template);
      return { id: template.id, checked: index === 0, diagram: miniDiagram(nodes), ...fieldsOf(template, nodes) };
    }),
    fiscalYearField: FISCAL_YEAR,
    months: Array.from({ length: 12 }, (_, i) => ({ value: i + 1, key: `month.${i + 1}`, selected: i + 1 === 4 })),
  };
}
