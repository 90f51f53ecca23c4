import { KpiError, type Lang } from '../core/i18n';
import { fill } from '../core/sheet/labels';
import { DATA_HEADER_ROW } from '../core/sheet/links';
import { num } from '../core/sheet/readBack';
import { RULE_COLOURS } from '../core/sheet/schema';
import { layoutTeamSheet, parseTeamTag, TEAM_COLUMN, TEAM_ROW, type TeamTag, teamNodes } from '../core/sheet/teamLayout';
import { readTeamSheet, type TeamContents, type TeamRow } from '../core/sheet/teamReadBack';
import type { TeamWords } from '../core/sheet/teamWords';
import { rectangles, slice } from '../core/sheet/writes';
import { evenSplit, ownedLinks, ownersIn } from '../core/team';
import { isStage, orderTree, type TreeNode } from '../core/tree';
import type { Vocabulary } from '../core/vocabulary';
import type { TeamMember, TeamStatus } from '../rpc';
import { writeNewSheet } from './build';
import { findLinks } from './dataSheets';
import type { SheetGateway } from './gateway';
import { refuse } from './refusals';
import { locked, readTree, uniqueSheetName } from './trees';

/**
 * A tree's Team sheet: per person (or team) and for the team, the stages' actuals counted from
 * the team's own data, their share of the plan and their own bottleneck. Generated, then
 * updated in place (same sheet and id) with people's typed allocations kept.
 */

/** The Team sheet of a tree, found by its tag (the tree's sheet id survives renaming). */
export function teamSheetOf(workbook: SheetGateway, treeSheet: string): { readonly sheet: string; readonly tag: TeamTag } | null {
  const treeId = workbook.sheetId(treeSheet);
  for (const { sheet, tag } of workbook.taggedSheets()) {
    const parsed = parseTeamTag(tag);
    if (parsed?.treeSheetId === treeId) return { sheet, tag: parsed };
  }
  return null;
}

/**
 * Generates or refreshes the Team sheet of a tree from its links with an owner column (the tree
 * sheet's tag holds them). People are the owners the data names now, added after those the sheet has.
 */
export function writeTeamSheet(workbook: SheetGateway, vocabulary: Vocabulary, treeSheet: string): TeamStatus {
  return locked(workbook, vocabulary, () => {
    const { tag, contents, tree } = readTree(workbook, vocabulary, treeSheet);
    if (!contents.frameInPlace) refuse(vocabulary, 'frameMoved', 'sheet', { sheet: treeSheet });
    const existing = teamSheetOf(workbook, treeSheet);
    // The links found as they are now (renamed sheets, moved columns): one header read per data sheet.
    const found = findLinks(workbook, tag.links ?? {});
    const links = ownedLinks(found.links);
    if (links.size === 0) refuseTeam(vocabulary, 'noRules', 'sheet', { tree: treeSheet });
    for (const [id, link] of links) {
      const problem = found.problems.get(id)?.[0];
      if (problem?.kind === 'sheetGone') refuseTeam(vocabulary, 'noDataSheet', 'dataSheet', { sheet: link.sheet });
      if (problem?.kind === 'column') refuseTeam(vocabulary, 'noColumn', 'column', { sheet: link.sheet, column: problem.header });
    }

    // The owners: one read of each owner column below its header, however long the data (its dates are not read).
    const columns = new Map([...links.values()].map((link) => [`${link.sheetId}:${link.owner.column}`, link]));
    const owners = [...columns.values()].flatMap((link) =>
      ownersIn(workbook.readColumns(link.sheet, [link.owner.column], DATA_HEADER_ROW + 1).map((row) => row[0])),
    );
    const sheets = workbook.sheetNames();
    const shown = existing ? workbook.readValues(existing.sheet) : [];
    const before = readTeamSheet(shown)?.people ?? [];
    const people = [...new Set([...before.map((p) => p.name), ...owners])];

    if (people.length === 0) refuseTeam(vocabulary, 'noOwners', 'ownerColumn');
    const words = vocabulary.words[tag.lang].team;
    const draft = layoutTeamSheet({
      treeSheet,
      treeSheetId: workbook.sheetId(treeSheet),
      nodes: orderTree(tree),
      treeRows: new Map([...contents.rows].map(([id, row]) => [id, row.row])),
      lang: tag.lang,
      words,
      links,
      people,
    });
    if (!existing) {
      const name = uniqueSheetName(fill(words.sheetName, { tree: treeSheet }), sheets);
      writeNewSheet(workbook, name, draft);
      return teamStatus(workbook, vocabulary, treeSheet);
    }
    const sheet = existing.sheet;
    // A tree whose arithmetic changed has more or fewer nodes: columns the draft no longer
    // fills are cleared, not left with figures of a node that is gone.
    const width = Math.max(draft.columns, shown[0]?.length ?? 0);
    const wide = <T>(grid: readonly (readonly T[])[], blank: T): T[][] =>
      grid.map((row) => [...row, ...Array<T>(width - row.length).fill(blank)]);
    workbook.ensureRows(sheet, draft.rows);
    workbook.ensureColumns(sheet, width);
    const all = { row: 1, column: 1, rows: draft.rows, columns: width };
    workbook.setNumberFormats(sheet, all, wide(draft.numberFormats, 'General'));
    // Everything but the allocations people have typed (or left blank) on their own rows.
    const kept = new Set(before.map((p) => p.row));
    const writable = (row: number, column: number) => !(column === TEAM_COLUMN.allocation && kept.has(row));
    const cells = wide(draft.contents, null);
    for (const range of rectangles(draft.ownedRows, width, writable, writable)) {
      workbook.setContents(sheet, range, slice(cells, range));
    }
    workbook.setBackgrounds(sheet, all, wide(draft.backgrounds, null));
    workbook.setFontWeights(sheet, all, wide(draft.fontWeights, 'normal'));
    workbook.setFontColors(sheet, all, wide(draft.fontColors, null));
    workbook.setNotes(sheet, all, wide(draft.notes, ''));
    workbook.setValidations(sheet, all, wide(draft.validations, null));
    const theirs = workbook.readConditionalRules(sheet).filter((rule) => rule.background === null || !RULE_COLOURS.has(rule.background));
    workbook.setConditionalRules(sheet, draft.rules, theirs);
    workbook.protectExcept(sheet, draft.inputs, draft.protectionNote);
    workbook.setLayout(sheet, draft.layout);
    workbook.tagSheet(sheet, draft.tag);
    return teamStatus(workbook, vocabulary, treeSheet);
  });
}

/** Whole allocations adding up to the KGI exactly, one equal share each, the extra units to the first rows. */
export function splitTeamEvenly(workbook: SheetGateway, vocabulary: Vocabulary, treeSheet: string): TeamStatus {
  return locked(workbook, vocabulary, () => {
    const { contents } = readTree(workbook, vocabulary, treeSheet);
    const { sheet, team } = readTeam(workbook, vocabulary, treeSheet);
    const amounts = evenSplit(contents.kgi ?? Number.NaN, team.people.length);
    // People's rows are consecutive from the first (the layout's), so one write covers them.
    const range = { row: team.people[0].row, column: TEAM_COLUMN.allocation, rows: amounts.length, columns: 1 };
    workbook.setContents(
      sheet,
      range,
      amounts.map((amount) => [{ number: amount }]),
    );
    return teamStatus(workbook, vocabulary, treeSheet);
  });
}

function readTeam(
  workbook: SheetGateway,
  vocabulary: Vocabulary,
  treeSheet: string,
): { readonly sheet: string; readonly tag: TeamTag; readonly team: TeamContents } {
  const found = teamSheetOf(workbook, treeSheet) ?? refuseTeam(vocabulary, 'noTeam', 'sheet', { tree: treeSheet });
  const team = readTeamSheet(workbook.readValues(found.sheet)) ?? refuseTeam(vocabulary, 'noTeam', 'sheet', { tree: treeSheet });
  if (team.people.length === 0 || team.people.some((p, i) => p.row !== TEAM_ROW.firstPerson + i)) {
    refuseTeam(vocabulary, 'noTeam', 'sheet', { tree: treeSheet });
  }
  return { ...found, team };
}

/** The Team sheet as its own formulas computed it, so the sidebar shows what the sheet shows. */
export function teamStatus(workbook: SheetGateway, vocabulary: Vocabulary, treeSheet: string): TeamStatus {
  const { tag, tree } = readTree(workbook, vocabulary, treeSheet);
  const { sheet, team } = readTeam(workbook, vocabulary, treeSheet);
  const nodes = teamNodes(orderTree(tree));
  const stages = nodes.filter(isStage);
  const member = (row: TeamRow): TeamMember => {
    const named = String(row.values.bottleneck ?? '');
    const stage: TreeNode | undefined = stages.find((s) => s.label[tag.lang] === named);
    return {
      name: row.name,
      allocation: num(row.values.allocation),
      share: num(row.values.share),
      bottleneck: stage ? { nodeId: stage.id, label: named } : null,
      recoverable: num(row.values.recoverable),
      figures: nodes.map((node) => ({
        nodeId: node.id,
        actual: num(row.values[`${node.id}:actual`]),
        plan: num(row.values[`${node.id}:plan`]),
        achievement: num(row.values[`${node.id}:achievement`]),
      })),
    };
  };
  return {
    treeSheet,
    teamSheet: sheet,
    period: team.period,
    nodes: nodes.map((node) => ({ nodeId: node.id, label: node.label[tag.lang], unit: node.unit, stage: isStage(node) })),
    kgi: num(team.kgi),
    allocated: num(team.allocated),
    allocationWarning: team.warning,
    people: team.people.map(member),
    total: team.total ? member(team.total) : null,
  };
}

/** The status of a tree's Team sheet, or null before one is generated. */
export function findTeam(workbook: SheetGateway, vocabulary: Vocabulary, treeSheet: string): TeamStatus | null {
  readTree(workbook, vocabulary, treeSheet);
  return teamSheetOf(workbook, treeSheet) ? teamStatus(workbook, vocabulary, treeSheet) : null;
}

/** Refuses a Team call in both languages, naming the field it concerns (the words are vocabulary data). */
function refuseTeam(
  vocabulary: Vocabulary,
  key: keyof TeamWords['refusals'],
  field: string,
  values: Readonly<Record<string, string>> = {},
): never {
  const text = (lang: Lang) => fill(vocabulary.words[lang].team.refusals[key], values);
  throw new KpiError({ en: text('en'), ja: text('ja') }, field);
}
