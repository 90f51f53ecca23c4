import { VOCABULARY } from '../../src/core/vocabulary';
import fc from 'fast-check';
import { KpiError } from '../../src/core/i18n';
import { templateById } from '../../src/core/templates';
import { orderTree } from '../../src/core/tree';
import { isTyped } from '../../src/core/sheet/layout';
import { buildTreeSheet, updateTreeSheet } from '../../src/server/treeSheets';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import { NOV_2026, request, TreeSheet } from '../support/treeSheet';

const nodes = orderTree(templateById('new_business')!);
const typedIds = nodes.filter(isTyped).map((n) => n.id);
const allIds = nodes.map((n) => n.id);

type Edit =
  | { kind: 'actual'; id: string; month: number; value: number }
  | { kind: 'owner' | 'note'; id: string; text: string }
  | { kind: 'move'; from: number; to: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('actual' as const), id: fc.constantFrom(...typedIds), month: fc.integer({ min: 1, max: 12 }), value: fc.integer({ min: 0, max: 10_000_000 }) }),
  fc.record({ kind: fc.constantFrom('owner' as const, 'note' as const), id: fc.constantFrom(...allIds), text: fc.string({ minLength: 1, maxLength: 12 }).filter((t) => t.trim() !== '' && !/^[=+\-@']/.test(t) && Number.isNaN(Number(t.replace(/[,%]/g, '')))) }),
  fc.record({ kind: fc.constant('move' as const), from: fc.integer({ min: 0, max: allIds.length - 1 }), to: fc.integer({ min: 0, max: allIds.length - 1 }) }),
);

const rebuild = fc.oneof(
  fc.record({ kgi: fc.integer({ min: 100_000_000, max: 5_000_000_000 }) }),
  fc.record({ inputs: fc.record({ win_rate: fc.integer({ min: 5, max: 90 }).map((p) => p / 100) }) }),
  fc.record({ fiscalYear: fc.constant(2027) }),
  fc.record({ seasonality: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 12, maxLength: 12 }) }),
  fc.record({ addNodes: fc.constant([{
    id: 'referrals', parent: 'leads', kind: 'tracked' as const, unit: 'count' as const, role: 'process' as const, plan: 120,
    label: { en: 'Referrals', ja: '紹介数' }, definition: { en: 'Referrals received', ja: '受けた紹介の数' },
  }]) }),
);

describe('nothing a person typed is lost', () => {
  it('keeps every actual, owner and note over random edits, moved rows and rebuilds', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 12 }), fc.uniqueArray(rebuild, { minLength: 1, maxLength: 2, selector: (r) => Object.keys(r)[0] }), (edits, rebuilds) => {
        const sheet = TreeSheet.build();
        const expected = new Map<string, string | number>();
        for (const e of edits) {
          if (e.kind === 'move') {
            const first = sheet.rowOf(allIds[0]);
            sheet.workbook.moveRow(sheet.name, first + e.from, first + e.to);
          } else if (e.kind === 'actual') {
            sheet.type(e.id, `actual_${e.month}` as never, String(e.value));
            expected.set(`${e.id}/actual_${e.month}`, e.value);
          } else {
            sheet.type(e.id, e.kind, e.text);
            expected.set(`${e.id}/${e.kind}`, e.text);
          }
        }
        for (const changes of rebuilds) updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, changes);
        for (const [where, value] of expected) {
          const [id, key] = where.split('/');
          expect([where, sheet.value(id, key as never)]).toEqual([where, value]);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('keeps a planned value typed in the sheet unless the update changes it', () => {
    const sheet = TreeSheet.build();
    sheet.type('deal_rate', 'plan_input', '25%');
    updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, { kgi: 2_000_000_000 });
    expect(sheet.value('deal_rate', 'plan_input')).toBe(0.25);
    updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, { inputs: { deal_rate: 0.3 } });
    expect(sheet.value('deal_rate', 'plan_input')).toBe(0.3);
  });

  it('keeps a person’s own conditional-format rules on other ranges', () => {
    const sheet = TreeSheet.build();
    const theirs = { ranges: [{ row: 40, column: 2, rows: 5, columns: 2 }], formula: '=B40>0', background: '#123456' };
    sheet.workbook.setConditionalRules(sheet.name, [], [
      ...sheet.workbook.readConditionalRules(sheet.name),
      { ranges: theirs.ranges, handle: theirs },
    ]);
    updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, { kgi: 2_000_000_000 });
    const rules = sheet.workbook.conditionalRules(sheet.name);
    expect(rules).toContainEqual(theirs);
    expect(rules.filter((r) => r.background === '#f4c7c3')).toHaveLength(1);
  });

  it('keeps the sheet in its place among the others', () => {
    const workbook = new MemoryWorkbook();
    workbook.insertSheet('Notes', 10, 5);
    const { sheetName } = buildTreeSheet(workbook, VOCABULARY, request(), NOV_2026);
    workbook.insertSheet('Later', 10, 5);
    workbook.renameSheet(sheetName, sheetName, 0);
    updateTreeSheet(workbook, VOCABULARY, sheetName, { kgi: 3_000_000_000 });
    expect(workbook.sheetNames()).toEqual([sheetName, 'Notes', 'Later']);
  });
});

describe('one update at a time, and never half a sheet', () => {
  it('refuses a second build while another holds the document lock, changing nothing', () => {
    const workbook = new MemoryWorkbook();
    let refused: unknown;
    workbook.withDocumentLock(() => {
      try {
        buildTreeSheet(workbook, VOCABULARY, request(), NOV_2026);
      } catch (error) {
        refused = error;
      }
    });
    expect(refused).toBeInstanceOf(KpiError);
    expect((refused as KpiError).text.en).toMatch(/Another update .* in progress/);
    expect((refused as KpiError).text.ja).toMatch(/別の更新中/);
    expect(workbook.sheetNames()).toEqual([]);
  });

  it.each(['setValues', 'setDataValidations', 'setConditionalFormatRules', 'addDeveloperMetadata'])(
    'leaves no half-built sheet when %s fails part-way', (method) => {
      const workbook = new MemoryWorkbook();
      workbook.failOn = method;
      expect(() => buildTreeSheet(workbook, VOCABULARY, request(), NOV_2026)).toThrow('Simulated service failure');
      expect(workbook.sheetNames()).toEqual([]);
    });

  it('leaves the old sheet untouched when an update fails part-way', () => {
    const sheet = TreeSheet.build();
    sheet.type('orders', 'actual_1', '42');
    sheet.workbook.failOn = 'setNumberFormats';
    expect(() => updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, { kgi: 2_000_000_000 })).toThrow('Simulated service failure');
    sheet.workbook.failOn = null;
    expect(sheet.workbook.sheetNames()).toEqual([sheet.name]);
    expect(sheet.value('orders', 'actual_1')).toBe(42);
    expect(sheet.value('orders', 'annual')).toBe(500);
  });

  it('refuses bad input before writing anything, naming the field', () => {
    const workbook = new MemoryWorkbook();
    const cases: [Partial<Parameters<typeof request>[0]>, string][] = [
      [{ kgi: 0 }, 'kgi'],
      [{ inputs: { win_rate: 0 } }, 'win_rate'],
      [{ inputs: { win_rate: 1.3 } }, 'win_rate'],
      [{ startMonth: 13 }, 'startMonth'],
      [{ fiscalYear: 26 }, 'fiscalYear'],
      [{ seasonality: Array(12).fill(0) }, 'seasonality'],
      [{ seasonality: [1, 2, 3] }, 'seasonality'],
      [{ inputs: { nonsense: 3 } }, 'nonsense'],
    ];
    for (const [overrides, field] of cases) {
      let error: unknown;
      try {
        buildTreeSheet(workbook, VOCABULARY, request(overrides), NOV_2026);
      } catch (e) {
        error = e;
      }
      expect([field, error instanceof KpiError && error.field]).toEqual([field, field]);
    }
    expect(workbook.sheetNames()).toEqual([]);
  });
});

describe('batched service calls', () => {
  it('builds any template with the same small number of calls, one per property', () => {
    const counts = ['new_business', 'account_sales', 'b2b_pipeline'].map((templateId) => {
      const workbook = new MemoryWorkbook();
      buildTreeSheet(workbook, VOCABULARY, request({ templateId: templateId as never, kgi: 600_000_000 }), NOV_2026);
      return workbook.calls.length;
    });
    expect(new Set(counts).size).toBe(1);
    expect(counts[0]).toBeLessThanOrEqual(25);
    const workbook = new MemoryWorkbook();
    buildTreeSheet(workbook, VOCABULARY, request(), NOV_2026);
    const writes = workbook.calls.filter((c) => /^set|^protect|^insert|^add/.test(c.method)).map((c) => c.method);
    expect(writes.filter((m) => m === 'setValues')).toHaveLength(1);
    expect(writes.filter((m) => m === 'setBackgrounds')).toHaveLength(1);
    expect(writes.filter((m) => m === 'setDataValidations')).toHaveLength(1);
  });

  it('gives a second tree of the same template its own sheet', () => {
    const workbook = new MemoryWorkbook();
    buildTreeSheet(workbook, VOCABULARY, request(), NOV_2026);
    const second = buildTreeSheet(workbook, VOCABULARY, request(), NOV_2026);
    expect(second.sheetName).toBe('New business (2)');
    expect(workbook.namedRanges.size).toBe(4);
  });
});
