/**
 * Bench sections for tree sheets (build/bench.mjs bundles and lists them): for trees of 10,
 * 100 and 300 nodes with 12 months, the Apps Script calls on the edge (counted by the strict
 * fake of the Spreadsheet service) of a build, an update, a month close and owner protection
 * with one owner and an owner per row; the time to plan the sheet; and the time for the formula
 * engine to recalculate after one actual is typed.
 */

import { withInputs } from '../src/core/plan';
import { layoutTreeSheet } from '../src/core/sheet/layout';
import { TEMPLATES, type Template } from '../src/core/templates';
import type { NodeDef } from '../src/core/tree';
import { VOCABULARY } from '../src/core/vocabulary';
import { createServerApi } from '../src/server/api';
import { buildTreeSheet } from '../src/server/build';
import { updateTreeSheet } from '../src/server/update';
import { MemoryWorkbook } from './sheets/memoryWorkbook';
import { medianMs } from './timing.mjs';

const t = (text: string) => ({ en: text, ja: text });

/**
 * A tree of about `size` nodes: revenue = orders × deal size, orders summed over channels, each
 * channel a product chain three stages deep, the rest process KPIs under the channels.
 */
export function syntheticTemplate(size: number): Template {
  const nodes: NodeDef[] = [
    {
      id: 'revenue',
      parent: null,
      kind: 'goal',
      unit: 'yen',
      combine: 'product',
      role: 'kgi',
      label: t('Revenue'),
      definition: t('Orders × size'),
    },
    {
      id: 'size',
      parent: 'revenue',
      kind: 'factor',
      unit: 'yen',
      plan: 1_000_000,
      role: 'main',
      label: t('Deal size'),
      definition: t('Revenue ÷ orders'),
    },
    {
      id: 'orders',
      parent: 'revenue',
      kind: 'volume',
      unit: 'count',
      combine: 'sum',
      role: 'main',
      label: t('Orders'),
      definition: t('Sum of channels'),
    },
  ];
  const channels = Math.max(1, Math.floor((size - 3) / 7));
  for (let c = 0; c < channels; c++) {
    const share = c === channels - 1 ? 1 - ((channels - 1) * Math.floor(1e6 / channels)) / 1e6 : Math.floor(1e6 / channels) / 1e6;
    let parent = `orders`;
    for (let depth = 0; depth < 3; depth++) {
      const id = `c${c}_v${depth}`;
      nodes.push({
        id,
        parent,
        kind: 'volume',
        unit: 'count',
        combine: 'product',
        role: 'main',
        label: t(`Channel ${c} stage ${depth}`),
        definition: t('count'),
        ...(depth === 0 ? { plan: share } : {}),
      });
      nodes.push({
        id: `c${c}_r${depth}`,
        parent: id,
        kind: 'factor',
        unit: 'rate',
        plan: 0.5,
        role: 'main',
        label: t(`Channel ${c} rate ${depth}`),
        definition: t('rate'),
      });
      parent = id;
    }
    nodes.push({
      id: `c${c}_base`,
      parent,
      kind: 'volume',
      unit: 'count',
      role: 'process',
      label: t(`Channel ${c} base`),
      definition: t('count'),
    });
  }
  for (let i = 0; nodes.length < size; i++) {
    nodes.push({
      id: `p${i}`,
      parent: `c${i % channels}_base`,
      kind: 'tracked',
      unit: 'count',
      plan: 100,
      role: 'process',
      label: t(`Process KPI ${i}`),
      definition: t('count'),
    });
  }
  return { id: 'new_business', name: t(`Synthetic ${size}`), summary: t(''), kgi: 1_000_000_000, nodes };
}

/** Apps Script calls that read or write cells: these must not grow with the tree. */
const CELL_CALLS = /^Range\.(get|set)(Values|Formulas|NumberFormats|Backgrounds|FontWeights|FontColors|Notes|DataValidations)$/;

/** The Apps Script calls `work` makes on the edge: all of them, and those that read or write cells. */
function counted(workbook: MemoryWorkbook, work: () => unknown): string {
  workbook.sheets.resetCalls();
  work();
  const calls = workbook.sheets.calls;
  return `${calls.length} (${calls.filter((c) => CELL_CALLS.test(c)).length} on cells)`;
}

export function treeBenches(): { name: string; run: () => string }[] {
  return [10, 100, 300].map((size) => ({
    name: `Tree sheet, ${size} nodes × 12 months`,
    run() {
      const template = size === 10 ? TEMPLATES[0] : syntheticTemplate(size);
      const vocabulary = { ...VOCABULARY, templates: [template] };
      const request = {
        templateId: template.id,
        lang: 'en' as const,
        kgi: template.kgi,
        inputs: {},
        fiscalYear: 2026,
        startMonth: 4,
        seasonality: null,
      };
      const today = new Date(2026, 10, 23);
      const workbook = new MemoryWorkbook();
      const api = createServerApi({ workbook, today: () => today, vocabulary: () => vocabulary });
      let sheetName = '';
      const build = counted(workbook, () => ({ sheetName } = buildTreeSheet(workbook, vocabulary, request)));
      const planMs = medianMs(
        () =>
          layoutTreeSheet({
            templateId: template.id,
            title: 'bench',
            tree: withInputs(template),
            lang: 'en',
            words: VOCABULARY.words.en,
            kgi: template.kgi,
            fiscalYear: 2026,
            startMonth: 4,
            weights: Array(12).fill(1),
            closedMonths: 7,
            period: null,
            kept: new Map(),
            added: [],
            ownerProtection: false,
          }),
        5,
      );
      // Found by key, as people's rows move: read through the fake's controller, which costs no
      // call. Over the actuals the key row holds the fiscal month number.
      const column = (key: string | number) =>
        workbook.sheets
          .values(sheetName)
          .find((r) => r[0] === '@key')!
          .indexOf(key) + 1;
      const rowOf = (id: string) => workbook.sheets.values(sheetName).findIndex((r) => r[0] === id) + 1;
      const last = template.nodes[template.nodes.length - 1].id;
      let n = 0;
      const recalcMs = medianMs(() => {
        workbook.edit(sheetName, rowOf(last), column(1), String(100 + n++));
        workbook.valueAt(sheetName, 3, 3);
      }, 5);

      const update = counted(workbook, () => updateTreeSheet(workbook, vocabulary, sheetName, { kgi: template.kgi * 2 }));
      const addKpi = counted(workbook, () =>
        api.addProcessKpi(sheetName, {
          parent: template.nodes[1].id,
          label: { en: 'Added', ja: '追加' },
          definition: { en: '', ja: '' },
          plan: 10,
          lowerIsBetter: false,
        }),
      );
      const close = counted(workbook, () => api.closeMonth(sheetName, true));
      const design = counted(workbook, () => api.getDesignCheck(sheetName));
      // Owners: one person for every row, then a different person for each row.
      const ids = template.nodes.map((node) => node.id);
      const owners = (of: (i: number) => string) => ids.forEach((id, i) => workbook.edit(sheetName, rowOf(id), column('owner'), of(i)));
      owners(() => 'sato@example.co.jp');
      const oneOn = counted(workbook, () => api.setOwnerProtection(sheetName, true));
      const oneOff = counted(workbook, () => api.setOwnerProtection(sheetName, false));
      owners((i) => `owner${i}@example.co.jp`);
      const manyOn = counted(workbook, () => api.setOwnerProtection(sheetName, true));
      return [
        `Apps Script calls: build ${build}; update (new KGI) ${update}; add a KPI ${addKpi}; close a month ${close}; design check ${design};`,
        `owner protection on/off with 1 owner ${oneOn} / ${oneOff}, on with ${ids.length} owners ${manyOn};`,
        `plan ${planMs.toFixed(1)} ms; recalculate after one actual ${recalcMs.toFixed(1)} ms (formula engine)`,
      ].join(' ');
    },
  }));
}

export { linkBenches } from './bench-links';
