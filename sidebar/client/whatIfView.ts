/**
 * The what-if form under the status: the selected tree's KGI and planned values, prefilled
 * from the sheet, recalculated in the browser on every keystroke (no server call), and
 * written to the sheet only on "Apply to sheet": the changed cells alone.
 */
import { KpiError, type Localized } from '../../src/core/i18n';
import { parseAmount } from '../../src/core/numbers';
import type { TreePlan } from '../../src/core/plan';
import { orderTree, type TreeNode } from '../../src/core/tree';
import type { ServerApi, TreeStatus } from '../../src/rpc';
import { showBanner } from './banner';
import { byId, el, lang, onLangChange, say } from './dom';
import { plannedFields, type FieldUnit } from './fields';
import { parsePercent } from './form';
import { formatPercent, formatValue, percentText } from './format';
import { decodeFailure, type Promisified } from './rpc';
import type { StatusView } from './status';
import { MESSAGES, PHRASES } from './text';
import { changedValues, currentPlan, currentValues, runWhatIf, type WhatIfResult, type WhatIfValues } from './whatIf';

interface Field {
  /** 'kgi' or a node id: the names KpiError.field uses. */
  readonly name: string;
  readonly unit: FieldUnit;
  readonly input: HTMLInputElement;
  readonly error: HTMLElement;
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
const valueText = (value: number, unit: FieldUnit): string => (unit === 'percent' ? percentText(value) : grouped.format(value));

function affix(text: string): HTMLElement {
  const span = el('span', 'affix', text);
  span.setAttribute('aria-hidden', 'true');
  return span;
}

/** One labelled input, as the plan form's field partial draws it. */
function fieldRow(name: string, label: Localized, unit: FieldUnit, yen: boolean): Field {
  const id = `w-${name}`;
  const wrap = el('div', 'field');
  const labelEl = el('label');
  labelEl.htmlFor = id;
  say(labelEl, label);
  const box = el('div', 'input-wrap');
  const input = el('input');
  Object.assign(input, { id, type: 'text', autocomplete: 'off', spellcheck: false });
  input.inputMode = 'decimal';
  input.dataset.field = name;
  input.setAttribute('aria-describedby', `${id}-err`);
  if (yen) box.append(affix('¥'));
  box.append(input);
  if (unit === 'percent') box.append(affix('%'));
  const error = el('p', 'error');
  error.id = `${id}-err`;
  error.setAttribute('aria-live', 'polite');
  wrap.append(labelEl, box, error);
  return { name, unit, input, error };
}

export function initWhatIf(rpc: Promisified<ServerApi>, status: StatusView): void {
  const form = byId<HTMLFormElement>('whatif-form');
  const out = byId('whatif-out');
  const result = byId('whatif-result');
  let loaded: TreeStatus | null = null;
  let nodes: TreeNode[] = [];
  let current: TreePlan | null = null;
  let fields: Field[] = [];
  let last: WhatIfResult | null = null;

  const labelOf = (id: string | null): Localized | null => {
    if (id === 'kgi') return MESSAGES.kgi;
    return nodes.find((n) => n.id === id)?.label ?? null;
  };

  const fill = (values: WhatIfValues): void => {
    for (const field of fields) {
      const value = field.name === 'kgi' ? values.kgi : values.inputs[field.name];
      field.input.value = value === undefined ? '' : valueText(value, field.unit);
    }
  };

  /** The form's values, and the fields that do not hold a number. */
  const read = (): { values: WhatIfValues; errors: Map<string, Localized> } => {
    const errors = new Map<string, Localized>();
    const inputs: Record<string, number> = {};
    let kgi = 0;
    for (const field of fields) {
      const value = field.unit === 'percent' ? parsePercent(field.input.value) : parseAmount(field.input.value);
      if (value === null) errors.set(field.name, MESSAGES.notANumber);
      else if (field.name === 'kgi') kgi = value;
      else inputs[field.name] = value;
    }
    return { values: { kgi, inputs }, errors };
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
    const { values, errors } = read();
    if (errors.size === 0) {
      try {
        last = runWhatIf(loaded, current, values);
      } catch (error) {
        if (!(error instanceof KpiError)) throw error;
        errors.set(fields.some((f) => f.name === error.field) ? error.field! : 'kgi', error.text);
      }
    }
    if (errors.size > 0) last = null;
    for (const field of fields) {
      const text = errors.get(field.name) ?? null;
      say(field.error, text);
      if (text) field.input.setAttribute('aria-invalid', 'true');
      else field.input.removeAttribute('aria-invalid');
    }
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
    const root = nodes[0];
    fields = [
      fieldRow('kgi', { en: `${MESSAGES.kgi.en} · ${root.label.en}`, ja: `${MESSAGES.kgi.ja}・${root.label.ja}` }, 'amount', root.unit === 'yen'),
      ...plannedFields(nodes).map(({ node, unit }) => fieldRow(node.id, node.label, unit, node.unit === 'yen')),
    ];
    byId('whatif-fields').replaceChildren(...fields.map((f) => f.input.closest('.field')!));
    fill(currentValues(next));
    recalc();
  });

  form.addEventListener('input', () => {
    say(result, null);
    recalc();
  });
  byId('whatif-reset').addEventListener('click', () => {
    if (!loaded) return;
    fill(currentValues(loaded));
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
        say(field.error, failure.text);
        field.input.setAttribute('aria-invalid', 'true');
        field.input.focus();
      } else showBanner(failure.text);
    } finally {
      apply.disabled = false;
    }
  });
  onLangChange(render);
}
