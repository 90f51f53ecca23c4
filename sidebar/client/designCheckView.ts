/**
 * The design check section: the selected tree against the checks a good KPI design passes, asked
 * for again each time the status loads (the status' refresh), and said again when the language changes.
 */
import type { DesignCheck } from '../../src/core/designCheck';
import type { ServerApi } from '../../src/rpc';
import { designLines } from './designCheck';
import { byId, el, lang, onLangChange, say } from './dom';
import { decodeFailure, type Promisified } from './rpc';
import type { StatusView } from './statusView';

export function initDesignCheck(rpc: Promisified<ServerApi>, status: StatusView): void {
  const section = byId('design');
  const summary = byId('design-summary');
  const list = byId('design-checks');
  let shown: readonly DesignCheck[] | null = null;
  /** The latest request wins: a slower answer for an earlier status is dropped. */
  let asked = 0;

  const draw = (): void => {
    if (!shown) return;
    const { summary: text, lines } = designLines(shown, lang());
    say(summary, null);
    summary.textContent = text;
    list.replaceChildren(
      ...lines.map((line) => {
        const item = el('li', line.state);
        const mark = el('span', 'mark', line.mark);
        mark.setAttribute('aria-hidden', 'true');
        const name = el('span', 'name', line.title);
        name.append(el('span', 'sr-only', ` (${line.stateText})`));
        item.append(mark, name);
        if (line.fix) item.append(el('p', 'fix', line.fix));
        if (line.why) item.append(el('p', 'why', line.why));
        return item;
      }),
    );
  };

  status.onStatus((loaded, tree, anotherTree) => {
    section.hidden = loaded === null || tree === null;
    if (!loaded || !tree) return;
    if (anotherTree) {
      shown = null;
      summary.textContent = '';
      list.replaceChildren();
    }
    const request = ++asked;
    section.setAttribute('aria-busy', 'true');
    rpc.getDesignCheck(tree.sheetName).then(
      (checks) => {
        if (request !== asked) return;
        shown = checks;
        draw();
        section.setAttribute('aria-busy', 'false');
      },
      (error: unknown) => {
        if (request !== asked) return;
        say(summary, decodeFailure(error).text);
        section.setAttribute('aria-busy', 'false');
      },
    );
  });
  onLangChange(draw);
}
