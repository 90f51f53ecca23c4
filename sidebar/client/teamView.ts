/**
 * The Team section: creates or refreshes the selected tree's Team sheet, splits the KGI evenly,
 * and shows each person's actual → plan by stage and their own bottleneck, read back from the
 * Team sheet's formulas so the sidebar says what the sheet says. Names are data: text only.
 */
import type { ServerApi, TeamStatus } from '../../src/rpc';
import { whileBusy } from './busy';
import { byId, el, lang, onLangChange } from './dom';
import type { Promisified } from './rpc';
import type { StatusView } from './statusView';
import { allocationWarning, TEAM_TEXT, teamCard } from './team';

export function initTeam(rpc: Promisified<ServerApi>, status: StatusView): void {
  const panel = byId<HTMLDetailsElement>('team');
  const refresh = byId<HTMLButtonElement>('team-refresh');
  const split = byId<HTMLButtonElement>('team-split');
  const warning = byId('team-warning');
  const list = byId('team-list');
  let team: TeamStatus | null = null;
  let loadedFor: string | null = null;

  const card = (member: TeamStatus['people'][number], total: boolean): HTMLElement => {
    if (!team) throw new Error('no team');
    const c = teamCard(team, member, lang(), total);
    const section = el('section', `panel team-member${c.stuck ? ' bottleneck' : ''}`);
    section.dataset.person = c.name;
    const facts = el('dl', 'facts figures');
    for (const line of c.lines) {
      const dt = el('dt', line.stuck ? 'team-stuck' : undefined, line.label);
      const dd = el('dd', line.stuck ? 'team-stuck' : undefined, line.figures);
      facts.append(dt, dd);
    }
    section.append(
      el('h4', undefined, c.name),
      el('p', 'stage', c.headline),
      ...(c.recoverable ? [el('p', 'change', c.recoverable)] : []),
      el('p', 'muted', `${TEAM_TEXT.allocation[lang()]}: ${c.allocation}`),
      facts,
    );
    return section;
  };

  const draw = (): void => {
    split.hidden = team === null;
    const said = team ? allocationWarning(team, lang()) : null;
    warning.hidden = said === null;
    warning.textContent = said ?? '';
    if (!team) {
      list.replaceChildren(el('p', 'muted', TEAM_TEXT.noTeam[lang()]));
      return;
    }
    list.replaceChildren(...team.people.map((m) => card(m, false)), ...(team.total ? [card(team.total, true)] : []));
  };

  const show = (next: TeamStatus | null | undefined): void => {
    if (next === undefined) return;
    team = next;
    draw();
  };

  /** Read when the section is open: a closed section costs no server call. */
  const load = async (): Promise<void> => {
    const tree = status.current();
    if (!tree || !panel.open) return;
    loadedFor = tree.sheetName;
    show(await whileBusy(refresh, () => rpc.getTeam(tree.sheetName)));
  };

  status.onStatus((loaded, tree, anotherTree) => {
    panel.hidden = loaded === null;
    if (anotherTree) {
      team = null;
      loadedFor = null;
      draw();
    }
    if (tree && panel.open) void load();
  });
  panel.addEventListener('toggle', () => {
    if (panel.open && loadedFor !== status.current()?.sheetName) void load();
  });
  refresh.addEventListener('click', async () => {
    const tree = status.current();
    if (tree) show(await whileBusy(refresh, () => rpc.refreshTeam(tree.sheetName)));
  });
  split.addEventListener('click', async () => {
    const tree = status.current();
    if (tree) show(await whileBusy(split, () => rpc.splitTeamEvenly(tree.sheetName)));
  });
  onLangChange(draw);
  draw();
}
