/**
 * What the build renders into the sidebar's markup: the gallery and each template's planned
 * values. Runs in Node (build/sidebar.mjs bundles it); the markup it feeds is escaped by
 * Handlebars, so template texts arrive as text.
 */
import { TEMPLATES, type Template } from '../src/core/templates';
import { orderTree, type TreeNode } from '../src/core/tree';
import { diagramDepth, diagramHeight, diagramRows, type Geometry } from './client/diagram';
import { percentText } from './client/format';
import { plannedFields, type FieldUnit } from './client/fields';

const MINI: Geometry = { row: 8, indent: 9, pad: 3 };
const MINI_BAR = 22;

export interface FieldModel {
  readonly id: string;
  readonly field: string;
  readonly labelKey: string;
  /** Optional keys are '' when absent: the page compiles in strict mode. */
  readonly subKey: string;
  readonly hintKey: string;
  readonly unit: FieldUnit;
  readonly value: string;
  readonly prefix: string;
  readonly suffix: string;
}

const defaultText = (node: TreeNode, unit: FieldUnit): string =>
  unit === 'percent' ? percentText(node.plan ?? 0) : new Intl.NumberFormat('en-US').format(node.plan ?? 0);

function fieldsOf(template: Template, nodes: readonly TreeNode[]): FieldModel[] {
  return plannedFields(nodes).map(({ node, unit }) => ({
    id: `f-${template.id}-${node.id}`,
    field: node.id,
    labelKey: `node.${template.id}.${node.id}`,
    subKey: '',
    hintKey: '',
    unit,
    value: defaultText(node, unit),
    prefix: node.unit === 'yen' ? '¥' : '',
    suffix: unit === 'percent' ? '%' : '',
  }));
}

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
      const root = nodes[0];
      return {
        id: template.id,
        checked: index === 0,
        kgiLabelKey: `node.${template.id}.${root.id}`,
        kgiPrefix: root.unit === 'yen' ? '¥' : '',
        kgiValue: new Intl.NumberFormat('en-US').format(template.kgi),
        diagram: miniDiagram(nodes),
        fields: fieldsOf(template, nodes),
      };
    }),
    months: Array.from({ length: 12 }, (_, i) => ({ value: i + 1, key: `month.${i + 1}`, selected: i + 1 === 4 })),
  };
}
