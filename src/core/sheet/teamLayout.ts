import type { Lang } from '../i18n';
import type { OwnedLink } from '../team';
import { arithmeticChildren, isStage, isTyped, type TreeNode } from '../tree';
import { onSheet, quote, ref, span } from './a1';
import { achievementOf, formatOf, numbers, rankOf, rateOf, recoveredOf, slopeOf } from './columns';
import { type CellContent, type ConditionalRule, draftGrids, type GridRange, type SheetDraft, type Validation } from './draft';
import { fill } from './labels';
import { combinations, equals, whole } from './links';
import { COLUMN, HELPER, NUMBER_FORMAT, PALETTE, ROW, SETTINGS } from './schema';
import type { TeamWords } from './teamWords';

/**
 * The Team sheet: one row per person (or team) named in the data's owner column, and a total
 * row, with each linked stage's actual counted from the data for the period the tree sheet
 * selects, their plan (the tree's × their allocation ÷ the KGI), achievement, and their own
 * bottleneck by the tree's rule (columns.ts's builders over this sheet's cells). All native
 * formulas over the tree sheet and the data, so it follows both without the add-on.
 *
 *   row 1  title                      A1: the period's first day (hidden helper)
 *   row 2  KGI, allocated, period,    A2: the day after the period (hidden helper)
 *          a warning while the allocations do not add up to the KGI
 *   row 3  each node's name over its columns
 *   row 4  (hidden) column keys, so reading back finds columns by key
 *   row 5  headers
 *   row 6… one row per person; then the total row (marked `@total` in column A)
 */
export const TEAM_ROW = { title: 1, settings: 2, groups: 3, keys: 4, header: 5, firstPerson: 6 } as const;
export const TEAM_COLUMN = { person: 2, allocation: 3, share: 4, bottleneck: 5, recoverable: 6, firstNode: 7 } as const;
export const TEAM_KEY_MARKER = '@team';
export const TOTAL_MARKER = '@total';
/** Row 2's figures, by column: labels sit one column to the left of each. */
export const TEAM_SETTING = { kgi: 3, allocated: 5, period: 7, warning: 8 } as const;

/** The developer metadata that marks a sheet as a tree's Team sheet. */
export interface TeamTag {
  readonly app: 'kpi-tree-team';
  readonly version: 1;
  /** The tree sheet's id (gid): it survives renaming. */
  readonly treeSheetId: number;
  readonly lang: Lang;
}

export function parseTeamTag(raw: string): TeamTag | null {
  try {
    const tag = JSON.parse(raw) as Partial<TeamTag>;
    return tag.app === 'kpi-tree-team' && typeof tag.treeSheetId === 'number' ? (tag as TeamTag) : null;
  } catch {
    return null;
  }
}

export interface TeamSheetSpec {
  readonly treeSheet: string;
  readonly treeSheetId: number;
  /** The tree's nodes in tree order (orderTree). */
  readonly nodes: readonly TreeNode[];
  /** Each node's row on the tree sheet now (the tree's frame is where its layout put it). */
  readonly treeRows: ReadonlyMap<string, number>;
  readonly lang: Lang;
  readonly words: TeamWords;
  /** The tree's links with an owner column, by node id, their sheets and columns as found now. */
  readonly links: ReadonlyMap<string, OwnedLink>;
  /** Everyone with a row, in order: those the sheet has already first, then new ones. */
  readonly people: readonly string[];
}

/** The columns each node has, in order; the hidden block follows all of them. */
type NodeKey = 'actual' | 'plan' | 'achievement';
const NODE_KEYS: readonly NodeKey[] = ['actual', 'plan', 'achievement'];

interface TeamColumns {
  /** Where each node's columns are. */
  readonly node: (id: string, key: NodeKey) => number;
  readonly slope: (id: string) => number;
  readonly recovered: (id: string) => number;
  readonly score: (id: string) => number;
  readonly last: number;
}

function teamColumns(nodes: readonly TreeNode[], stages: readonly TreeNode[]): TeamColumns {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const stageIndex = new Map(stages.map((n, i) => [n.id, i]));
  const slopes = TEAM_COLUMN.firstNode + NODE_KEYS.length * nodes.length;
  const recovered = slopes + nodes.length;
  const scores = recovered + stages.length;
  return {
    node: (id, key) => TEAM_COLUMN.firstNode + NODE_KEYS.length * index.get(id)! + NODE_KEYS.indexOf(key),
    slope: (id) => slopes + index.get(id)!,
    recovered: (id) => recovered + stageIndex.get(id)!,
    score: (id) => scores + stageIndex.get(id)!,
    last: scores + stages.length - 1,
  };
}

/** The nodes the Team sheet shows: the tree's arithmetic (process KPIs stay on the tree sheet). */
export const teamNodes = (nodes: readonly TreeNode[]) => nodes.filter((n) => n.kind !== 'tracked');

export function layoutTeamSheet(spec: TeamSheetSpec): SheetDraft {
  const { words } = spec;
  const nodes = teamNodes(spec.nodes);
  const stages = nodes.filter(isStage);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const columns = teamColumns(nodes, stages);
  const totalRow = TEAM_ROW.firstPerson + spec.people.length;
  const rows = totalRow;
  const width = columns.last;

  const { grids, put } = draftGrids(rows, width);
  const { numberFormats, backgrounds, fontWeights, fontColors, notes, validations } = grids;
  const formula = (f: string): CellContent => ({ formula: `=${f}` });
  const bold = (row: number, from: number, to = from) => {
    for (let c = from; c <= to; c++) fontWeights[row - 1][c - 1] = 'bold';
  };

  // The tree sheet's cells this sheet follows: its KGI, period selector, fiscal year and the
  // months its period covers, and each node's plan for the period.
  const tree = (column: number, row: number) => onSheet(spec.treeSheet, ref(column, row, 'both'));
  const kgi = tree(SETTINGS.kgi, ROW.settings);
  const treePlan = (id: string) => tree(COLUMN.period_plan, spec.treeRows.get(id)!);
  const [from, to] = [tree(1, HELPER.periodFrom), tree(1, HELPER.periodTo)];
  const [fiscalYear, startMonth] = [tree(SETTINGS.fiscalYear, ROW.settings), tree(SETTINGS.startMonth, ROW.settings)];
  const [periodStart, periodEnd] = [ref(1, 1, 'both'), ref(1, 2, 'both')];
  put(1, 1, formula(`DATE(${fiscalYear},${startMonth}+${from}-1,1)`), 'yyyy-mm-dd');
  put(2, 1, formula(`DATE(${fiscalYear},${startMonth}+${to},1)`), 'yyyy-mm-dd');

  const kgiFormat = NUMBER_FORMAT[nodes[0].unit];
  put(TEAM_ROW.title, 2, { text: fill(words.title, { tree: spec.treeSheet }) });
  bold(TEAM_ROW.title, 2);
  const allocations = span(TEAM_COLUMN.allocation, TEAM_ROW.firstPerson, TEAM_COLUMN.allocation, totalRow - 1, 'both');
  const allocated = ref(TEAM_SETTING.allocated, TEAM_ROW.settings, 'both');
  put(TEAM_ROW.settings, TEAM_SETTING.kgi - 1, { text: words.kgi });
  put(TEAM_ROW.settings, TEAM_SETTING.kgi, formula(kgi), kgiFormat);
  put(TEAM_ROW.settings, TEAM_SETTING.allocated - 1, { text: words.allocated });
  put(TEAM_ROW.settings, TEAM_SETTING.allocated, formula(`SUM(${allocations})`), kgiFormat);
  put(TEAM_ROW.settings, TEAM_SETTING.period - 1, { text: words.period });
  put(TEAM_ROW.settings, TEAM_SETTING.period, formula(tree(SETTINGS.period, ROW.settings)));
  // Allocations that do not add up to the KGI are said, not rescaled.
  const allocationsOff = `ROUND(${allocated}-${kgi},0)<>0`;
  put(TEAM_ROW.settings, TEAM_SETTING.warning, formula(`IF(${allocationsOff},${quote(words.allocationOff)},"")`));
  fontColors[TEAM_ROW.settings - 1][TEAM_SETTING.warning - 1] = PALETTE.bottleneckText;
  for (const column of [TEAM_SETTING.kgi - 1, TEAM_SETTING.allocated - 1, TEAM_SETTING.period - 1]) bold(TEAM_ROW.settings, column);

  // Rows 3–5: node names over their columns, the keys (hidden), the headers.
  const header = (column: number, key: string, text: string, note = '') => {
    put(TEAM_ROW.keys, column, { text: key });
    put(TEAM_ROW.header, column, { text });
    backgrounds[TEAM_ROW.header - 1][column - 1] = PALETTE.header;
    bold(TEAM_ROW.header, column);
    notes[TEAM_ROW.header - 1][column - 1] = note;
  };
  put(TEAM_ROW.keys, 1, { text: TEAM_KEY_MARKER });
  const h = words.headers;
  header(TEAM_COLUMN.person, 'person', h.person);
  header(TEAM_COLUMN.allocation, 'allocation', h.allocation, words.notes.allocation);
  header(TEAM_COLUMN.share, 'share', h.share);
  header(TEAM_COLUMN.bottleneck, 'bottleneck', h.bottleneck, words.notes.bottleneck);
  header(TEAM_COLUMN.recoverable, 'recoverable', h.recoverable);
  for (const node of nodes) {
    const label = node.label[spec.lang];
    put(TEAM_ROW.groups, columns.node(node.id, 'actual'), { text: label });
    bold(TEAM_ROW.groups, columns.node(node.id, 'actual'));
    header(columns.node(node.id, 'actual'), `${node.id}:actual`, h.actual, words.notes.actual);
    header(columns.node(node.id, 'plan'), `${node.id}:plan`, h.plan, words.notes.plan);
    header(columns.node(node.id, 'achievement'), `${node.id}:achievement`, h.achievement);
    header(columns.slope(node.id), `${node.id}:slope`, `${h.slope}: ${label}`);
  }
  // The stage names head the hidden rank block: a row's bottleneck is looked up there.
  for (const stage of stages) {
    header(columns.recovered(stage.id), `${stage.id}:recovered`, stage.label[spec.lang]);
    header(columns.score(stage.id), `${stage.id}:score`, stage.label[spec.lang]);
  }

  // What a link counts for one owner (all of them on the total row) in the period: COUNTIFS or
  // SUMIFS, one term per combination of the values its conditions accept.
  const counted = (link: OwnedLink, owner: string | null) => {
    const date = whole(link.sheet, link.date);
    const mine = owner === null ? '' : `,${whole(link.sheet, link.owner)},"="&${owner}`;
    const base = `${date},">="&${periodStart},${date},"<"&${periodEnd}${mine}`;
    return combinations(link.conditions)
      .map((combo) => {
        const criteria = base + combo.map(([c, v]) => `,${whole(link.sheet, c)},${equals(v)}`).join('');
        return link.amount ? `SUMIFS(${whole(link.sheet, link.amount)},${criteria})` : `COUNTIFS(${criteria})`;
      })
      .join('+');
  };

  // One row: a person's (their name in column B) or, with `owner` null, the team's.
  const fillRow = (row: number, owner: string | null) => {
    const cell = (id: string, key: NodeKey) => ref(columns.node(id, key), row, 'col');
    const allocation = ref(TEAM_COLUMN.allocation, row, 'col');
    for (const node of nodes) {
      const parent = node.parent === null ? null : byId.get(node.parent)!;
      const kids = arithmeticChildren(node);
      // Process KPIs are not among `nodes`: only the arithmetic's typed counts and money count per person.
      const link = isTyped(node) ? spec.links.get(node.id) : undefined;
      let actual: string | null = null;
      if (link) actual = counted(link, owner);
      else if (node.kind === 'factor') actual = rateOf(node, cell(parent!.id, 'actual'), cell(node.partner!.id, 'actual'));
      else if (node.combine === 'sum') {
        const parts = kids.map((k) => cell(k.id, 'actual')).join(',');
        actual = `IF(COUNT(${parts})<${kids.length},"",SUM(${parts}))`;
      }
      // A rate's plan is the tree's; a count's or an amount's is the tree's share for this row.
      const planned = treePlan(node.id);
      const plan =
        node.kind === 'factor' || owner === null
          ? `IF(${numbers(planned)},${planned},"")`
          : `IF(AND(${numbers(planned, allocation, kgi)},${kgi}>0),${planned}*${allocation}/${kgi},"")`;
      put(row, columns.node(node.id, 'actual'), actual === null ? null : formula(actual), formatOf(node));
      put(row, columns.node(node.id, 'plan'), formula(plan), formatOf(node));
      put(
        row,
        columns.node(node.id, 'achievement'),
        formula(achievementOf(node, cell(node.id, 'plan'), cell(node.id, 'actual'))),
        NUMBER_FORMAT.rate,
      );

      const slope = ref(columns.slope(node.id), row, 'col');
      const up = parent === null ? '' : ref(columns.slope(parent.id), row, 'col');
      const slopeFormula =
        parent === null
          ? '1'
          : parent.combine === 'sum'
            ? up
            : slopeOf(node, {
                up,
                partnerActual: cell(node.partner!.id, 'actual'),
                partnerPlan: cell(node.partner!.id, 'plan'),
                own: cell(node.id, 'actual'),
              });
      put(row, columns.slope(node.id), formula(slopeFormula));
      if (isStage(node)) {
        const recovered = ref(columns.recovered(node.id), row, 'col');
        put(row, columns.recovered(node.id), formula(recoveredOf(cell(node.id, 'plan'), cell(node.id, 'actual'), slope)), kgiFormat);
        put(row, columns.score(node.id), formula(rankOf(node, cell(node.id, 'plan'), cell(node.id, 'actual'), recovered)));
      }
    }
    // The row's bottleneck: the first stage holding the top score (ties to the earliest stage).
    if (stages.length > 0) {
      const first = stages[0].id;
      const last = stages[stages.length - 1].id;
      const scores = span(columns.score(first), row, columns.score(last), row, 'col');
      const top = `MATCH(MAX(${scores}),${scores},0)`;
      const names = span(columns.score(first), TEAM_ROW.header, columns.score(last), TEAM_ROW.header, 'both');
      const recovered = span(columns.recovered(first), row, columns.recovered(last), row, 'col');
      // A person without an allocation has no plan for their counts: no stage is named for them.
      const ranked = owner === null ? `MAX(${scores})>0` : `AND(${numbers(allocation)},MAX(${scores})>0)`;
      put(row, TEAM_COLUMN.bottleneck, formula(`IF(${ranked},INDEX(${names},1,${top}),${quote(words.none)})`));
      put(row, TEAM_COLUMN.recoverable, formula(`IF(${ranked},INDEX(${recovered},1,${top}),"")`), kgiFormat);
    }
    put(row, TEAM_COLUMN.share, formula(`IF(AND(${numbers(allocation, kgi)},${kgi}>0),${allocation}/${kgi},"")`), NUMBER_FORMAT.rate);
  };

  const allocationRule: Validation = { kind: 'number', min: 0, help: words.allocationHelp };
  const inputs: GridRange[] = [];
  spec.people.forEach((person, i) => {
    const row = TEAM_ROW.firstPerson + i;
    put(row, TEAM_COLUMN.person, { text: person }, '@');
    // The allocation is the person's input: left blank here, and never in an update's writes.
    numberFormats[row - 1][TEAM_COLUMN.allocation - 1] = kgiFormat;
    backgrounds[row - 1][TEAM_COLUMN.allocation - 1] = PALETTE.input;
    fontColors[row - 1][TEAM_COLUMN.allocation - 1] = PALETTE.inputText;
    validations[row - 1][TEAM_COLUMN.allocation - 1] = allocationRule;
    fillRow(row, ref(TEAM_COLUMN.person, row, 'col'));
  });
  inputs.push({ row: TEAM_ROW.firstPerson, column: TEAM_COLUMN.allocation, rows: spec.people.length, columns: 1 });
  put(totalRow, 1, { text: TOTAL_MARKER });
  put(totalRow, TEAM_COLUMN.person, { text: words.total });
  put(totalRow, TEAM_COLUMN.allocation, formula(`SUM(${allocations})`), kgiFormat);
  fillRow(totalRow, null);
  bold(totalRow, 2, width);

  return {
    ...grids,
    rules: teamRules(spec, columns, stages, totalRow, allocationsOff),
    inputs,
    protectionNote: words.protection,
    names: [],
    ownedRows: Array.from({ length: rows }, (_, i) => i + 1),
    charts: [],
    layout: {
      frozenRows: TEAM_ROW.header,
      frozenColumns: TEAM_COLUMN.person,
      hiddenColumns: [1, ...Array.from({ length: width - columns.slope(nodes[0].id) + 1 }, (_, i) => columns.slope(nodes[0].id) + i)],
      hiddenRows: [TEAM_ROW.keys],
      columnWidths: { [TEAM_COLUMN.person]: 130, [TEAM_COLUMN.bottleneck]: 130 },
      columnGroups: [],
    },
    tag: JSON.stringify({
      app: 'kpi-tree-team',
      version: 1,
      treeSheetId: spec.treeSheetId,
      lang: spec.lang,
    } satisfies TeamTag),
  };
}

/**
 * Colours that follow the data: each row's bottleneck stage in red (its name and its figures),
 * and the allocations in orange while they do not add up to the KGI.
 */
function teamRules(
  spec: TeamSheetSpec,
  columns: TeamColumns,
  stages: readonly TreeNode[],
  totalRow: number,
  allocationsOff: string,
): ConditionalRule[] {
  const first = TEAM_ROW.firstPerson;
  const height = totalRow - first + 1;
  const named = ref(TEAM_COLUMN.bottleneck, first, 'col');
  const rules: ConditionalRule[] = [
    {
      ranges: [{ row: first, column: TEAM_COLUMN.bottleneck, rows: height, columns: 2 }],
      formula: `=AND(${named}<>"",${named}<>${quote(spec.words.none)})`,
      background: PALETTE.bottleneck,
      fontColor: PALETTE.bottleneckText,
    },
    ...stages.map((stage) => ({
      ranges: [{ row: first, column: columns.node(stage.id, 'actual'), rows: height, columns: NODE_KEYS.length }],
      formula: `=${named}=${quote(stage.label[spec.lang])}`,
      background: PALETTE.bottleneck,
      fontColor: PALETTE.bottleneckText,
    })),
    {
      ranges: [{ row: first, column: TEAM_COLUMN.allocation, rows: height, columns: 1 }],
      formula: `=${allocationsOff}`,
      background: PALETTE.check,
    },
  ];
  return rules;
}
