/**
 * The what-if form under the status: the selected tree's KGI and planned values, prefilled
 * from the sheet, recalculated in the browser on every keystroke (no server call), and
 * written to the sheet only on "Apply to sheet": the changed cells alone.
 */
import { KpiError, type Localized } from '../../src/core/i18n';
import type { TreePlan } from '../../src/core/plan';
import { orderTree, type TreeNode } from '../../src/core/tree';
import type { ServerApi, TreeStatus } from '../../src/rpc';
import { showBanner } from './banner';
import { byId, el, lang, onLangChange, say } from './dom';
import { formatPercent, formatValue } from './format';
import { drawPlanFields, fillPlanFields, markInvalid, readPlanFields, type PlanField } from './planFields';
import { decodeFailure, type Promisified } from './rpc';
import type { StatusView } from './status';
import { MESSAGES, PHRASES } from './text';
import { changedValues, currentPlan, currentValues, runWhatIf, type WhatIfResult, type WhatIfValues } from './whatIf';

export function initWhatIf(rpc: Promisified<ServerApi>, status: StatusView): void {
  const form = byId<HTMLFormElement>('whatif-form');
  const out = byId('whatif-out');
  const result = byId('whatif-result');
  let loaded: TreeStatus | null = null;
  let nodes: TreeNode[] = [];
  let current: TreePlan | null = null;
  let fields: PlanField[] = [];
  let last: WhatIfResult | null = null;

  const labelOf = (id: string | null): Localized | null => {
    if (id === 'kgi') return MESSAGES.kgi;
    return nodes.find((n) => n.id === id)?.label ?? null;
  };

  const render = (): void => {
    out.replaceChildren();
    if (!last || !loaded) return;
    const l = lang();
    const root = nodes[0];
    const row = (term: Localized | string, value: string, className?: string): void => {
      const dt = el('dt');
      if (typeof term === 'string') dt.textContent = term;
      else say(dt, term);
      out.append(dt, el('dd', className, value));
    };
    row(MESSAGES.whatIfYields, PHRASES.ofKgi(formatValue(last.yields, root.unit, l), formatPercent(last.coherence, l))[l]);
    const head = el('dt', 'head');
    say(head, MESSAGES.whatIfNeeded);
    out.append(head);
    for (const need of last.needed) {
      const change = need.current === null ? null : need.annual - need.current;
      const delta = change === null ? '' : change === 0 ? ` (${MESSAGES.noChange[l]})`
        : ` (${change > 0 ? '+' : '−'}${formatValue(Math.abs(change), need.node.unit, l)})`;
      const dd = `${formatValue(need.annual, need.node.unit, l)}${delta}`;
      const dt = el('dt');
      say(dt, need.node.label);
      dt.id = `w-need-${need.node.id}`;
      out.append(dt, el('dd', undefined, dd));
    }
    const now = labelOf(last.bottleneck);
    const before = labelOf(last.bottleneckNow);
    const bottleneck = !now ? MESSAGES.noBottleneckShort
      : last.bottleneck === last.bottleneckNow ? { en: `${now.en} (${MESSAGES.unchanged.en})`, ja: `${now.ja}（${MESSAGES.unchanged.ja}）` }
        : PHRASES.bottleneckChanged(now, before);
    row(MESSAGES.whatIfBottleneck, bottleneck[l]);
    out.lastElementChild!.id = 'whatif-bottleneck';
  };

  /** Recalculates from what is typed; errors go beside their field. Returns the values when all is well. */
  const recalc = (): WhatIfValues | null => {
    if (!loaded) return null;
    const { values, errors } = readPlanFields(fields);
    if (errors.size === 0) {
      try {
        last = runWhatIf(loaded, current, values);
      } catch (error) {
        if (!(error instanceof KpiError)) throw error;
        errors.set(fields.some((f) => f.name === error.field) ? error.field! : 'kgi', error.text);
      }
    }
    if (errors.size > 0) last = null;
    for (const field of fields) markInvalid(field.input, field.error, errors.get(field.name) ?? null);
    render();
    return errors.size === 0 ? values : null;
  };

  status.onStatus((next, tree) => {
    if (loaded?.sheetName !== next?.sheetName || tree === null) say(result, null);
    loaded = next;
    last = null;
    if (!next) return;
    nodes = orderTree(next.tree);
    current = currentPlan(next);
    fields = drawPlanFields(byId('whatif-fields'), 'w', nodes);
    fillPlanFields(fields, currentValues(next));
    recalc();
  });

  form.addEventListener('input', () => {
    say(result, null);
    recalc();
  });
  byId('whatif-reset').addEventListener('click', () => {
    if (!loaded) return;
    fillPlanFields(fields, currentValues(loaded));
    say(result, null);
    recalc();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const tree = status.current();
    const values = recalc();
    if (!values || !loaded || !tree) {
      fields.find((f) => f.input.getAttribute('aria-invalid') === 'true')?.input.focus();
      return;
    }
    const change = changedValues(loaded, values);
    if (change.kgi === undefined && Object.keys(change.inputs).length === 0) {
      say(result, MESSAGES.nothingToApply);
      return;
    }
    const apply = byId<HTMLButtonElement>('whatif-apply');
    apply.disabled = true;
    showBanner(null);
    try {
      const written = await rpc.applyWhatIf(tree.sheetName, change);
      const labels = written.map((id) => labelOf(id) ?? { en: id, ja: id });
      await status.load();
      say(result, labels.length > 0 ? PHRASES.written(labels) : MESSAGES.nothingWritten);
    } catch (error) {
      const failure = decodeFailure(error);
      const field = fields.find((f) => f.name === failure.field);
      if (field) {
        markInvalid(field.input, field.error, failure.text);
        field.input.focus();
      } else showBanner(failure.text);
    } finally {
      apply.disabled = false;
    }
  });
  onLangChange(render);
}
