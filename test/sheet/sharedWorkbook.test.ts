import fc from 'fast-check';
import { MemoryWorkbook } from '../../build/sheets/memoryWorkbook';
import { type ColumnKey, monthKey } from '../../src/core/sheet/schema';
import { type TemplateId, templateById } from '../../src/core/templates';
import { isTyped, orderTree } from '../../src/core/tree';
import { VOCABULARY } from '../../src/core/vocabulary';
import { buildTreeSheet } from '../../src/server/build';
import { updateTreeSheet } from '../../src/server/update';
import { refusal } from '../support/refusal';
import { request, TreeSheet } from '../support/treeSheet';

const nodes = orderTree(templateById('new_business')!);
const typedIds = nodes.filter(isTyped).map((n) => n.id);
const allIds = nodes.map((n) => n.id);

type Edit =
  | { kind: 'actual'; id: string; month: number; value: number }
  | { kind: 'owner' | 'note'; id: string; text: string }
  | { kind: 'move'; from: number; to: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('actual' as const),
    id: fc.constantFrom(...typedIds),
    month: fc.integer({ min: 1, max: 12 }),
    value: fc.integer({ min: 0, max: 10_000_000 }),
  }),
  fc.record({
    kind: fc.constantFrom('owner' as const, 'note' as const),
    id: fc.constantFrom(...allIds),
    text: fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((t) => t.trim() !== '' && !/^[=+\-@']/.test(t) && Number.isNaN(Number(t.replace(/[,%]/g, '')))),
  }),
  fc.record({
    kind: fc.constant('move' as const),
    from: fc.integer({ min: 0, max: allIds.length - 1 }),
    to: fc.integer({ min: 0, max: allIds.length - 1 }),
  }),
);

const rebuild = fc.oneof(
  fc.record({ kgi: fc.integer({ min: 100_000_000, max: 5_000_000_000 }) }),
  fc.record({ inputs: fc.record({ win_rate: fc.integer({ min: 5, max: 90 }).map((p) => p / 100) }) }),
  fc.record({ fiscalYear: fc.constant(2027) }),
  fc.record({ seasonality: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 12, maxLength: 12 }) }),
  fc.record({
    addNodes: fc.constant([
      {
        id: 'referrals',
        parent: 'leads',
        kind: 'tracked' as const,
        unit: 'count' as const,
        role: 'process' as const,
        plan: 120,
        label: { en: 'Referrals', ja: '紹介数' },
        definition: { en: 'Referrals received', ja: '受けた紹介の数' },
      },
    ]),
  }),
);

describe('nothing a person typed is lost', () => {
  it('keeps every actual, owner and note over random edits, moved rows and rebuilds', () => {
    fc.assert(
      fc.property(
        fc.array(edit, { maxLength: 12 }),
        fc.uniqueArray(rebuild, { minLength: 1, maxLength: 2, selector: (r) => Object.keys(r)[0] }),
        (edits, rebuilds) => {
          const sheet = TreeSheet.build();
          const expected = new Map<string, string | number>();
          for (const e of edits) {
            if (e.kind === 'move') {
              const first = sheet.rowOf(allIds[0]);
              sheet.workbook.sheets.moveRow(sheet.name, first + e.from, first + e.to);
            } else if (e.kind === 'actual') {
              sheet.type(e.id, monthKey('actual', e.month), String(e.value));
              expected.set(`${e.id}/actual_${e.month}`, e.value);
            } else {
              sheet.type(e.id, e.kind, e.text);
              expected.set(`${e.id}/${e.kind}`, e.text);
            }
          }
          for (const changes of rebuilds) updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, changes);
          for (const [where, value] of expected) {
            const [id, key] = where.split('/');
            expect([where, sheet.value(id, key as ColumnKey)]).toEqual([where, value]);
          }
        },
      ),
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

  it('keeps a person’s own conditional-format rules, also on the tree’s cells', () => {
    const sheet = TreeSheet.build();
    const { SpreadsheetApp } = sheet.workbook.sheets.services;
    const tab = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(sheet.name)!;
    const theirs = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied('=$AH9>100')
      .setBackground('#123456')
      .setRanges([tab.getRange(9, 34, 1, 12)])
      .build();
    tab.setConditionalFormatRules([...tab.getConditionalFormatRules(), theirs]);
    updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, { kgi: 2_000_000_000 });
    const rules = sheet.workbook.sheets.rules(sheet.name);
    expect(rules).toContainEqual({
      ranges: [{ row: 9, column: 34, rows: 1, columns: 12 }],
      formula: '=$AH9>100',
      background: '#123456',
      fontColor: null,
    });
    expect(rules.filter((r) => r.background === '#f4c7c3')).toHaveLength(1);
  });
});

describe('one update at a time, and never half a sheet', () => {
  it('refuses a second build while another holds the document lock, changing nothing', () => {
    const workbook = new MemoryWorkbook();
    workbook.sheets.holdLock();
    const refused = refusal(() => buildTreeSheet(workbook, VOCABULARY, request()));
    expect(refused.text.en).toMatch(/Another update .* in progress/);
    expect(refused.text.ja).toMatch(/別の更新中/);
    expect(workbook.sheets.sheetNames()).toEqual(['Sheet1']);
  });

  it.each(['Range.setValues', 'Range.setDataValidations', 'Sheet.setConditionalFormatRules', 'DeveloperMetadata.setValue'])(
    'leaves no half-built sheet when %s fails part-way',
    (method) => {
      const workbook = new MemoryWorkbook();
      workbook.failOn = method;
      expect(() => buildTreeSheet(workbook, VOCABULARY, request())).toThrow('Simulated service failure');
      expect(workbook.sheets.sheetNames()).toEqual(['Sheet1']);
    },
  );

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
      const refused = refusal(() => buildTreeSheet(workbook, VOCABULARY, request(overrides)));
      expect([field, refused.field]).toEqual([field, field]);
    }
    expect(workbook.sheets.sheetNames()).toEqual(['Sheet1']);
  });
});

describe('batched service calls', () => {
  it.each(['new_business', 'account_sales', 'b2b_pipeline'])('builds %s with one call per property for the cells', (templateId) => {
    const workbook = new MemoryWorkbook();
    buildTreeSheet(workbook, VOCABULARY, request({ templateId: templateId as TemplateId, kgi: 600_000_000 }));
    const counts = workbook.sheets.countsByMethod();
    for (const method of [
      'Range.setValues',
      'Range.setBackgrounds',
      'Range.setNumberFormats',
      'Range.setDataValidations',
      'Range.setNotes',
    ]) {
      expect([method, counts[method]]).toEqual([method, 1]);
    }
  });

  it('gives a second tree of the same template its own sheet and names', () => {
    const workbook = new MemoryWorkbook();
    buildTreeSheet(workbook, VOCABULARY, request());
    const second = buildTreeSheet(workbook, VOCABULARY, request());
    expect(second.sheetName).toBe('New business (2)');
    expect(workbook.sheets.namedRanges()).toHaveLength(4);
  });
});
