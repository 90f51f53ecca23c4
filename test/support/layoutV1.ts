/**
 * A tree sheet as the version-1 layout wrote it: the new-business tree for ¥1bn in English,
 * FY2026 from April. Recorded from that layout's own draft (`draftSheet` at commit ca9bb1e,
 * every cell that is not blank) and written through today's gateway, as a build then wrote it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MemoryWorkbook } from '../../build/sheets/memoryWorkbook';
import type { SheetDraft } from '../../src/core/sheet/draft';
import { writeNewSheet } from '../../src/server/build';

type Recorded = Omit<SheetDraft, 'contents' | 'numberFormats' | 'backgrounds' | 'fontWeights' | 'fontColors' | 'notes' | 'validations'> & {
  readonly cells: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
};

const BLANK = {
  contents: null,
  numberFormats: 'General',
  backgrounds: null,
  fontWeights: 'normal',
  fontColors: null,
  notes: '',
  validations: null,
} as const;

export function writeLayoutV1Tree(workbook: MemoryWorkbook, name = 'New business'): void {
  const { cells, ...rest } = JSON.parse(readFileSync(join(__dirname, '../fixtures/layoutV1NewBusiness.json'), 'utf8')) as Recorded;
  // One object per distinct rule, as the layout shares them: the gateway builds each once.
  const rules = new Map<string, unknown>();
  const grid = <K extends keyof typeof BLANK>(property: K) =>
    Array.from({ length: rest.rows }, (_, r) =>
      Array.from({ length: rest.columns }, (_, c) => {
        const value = cells[`${r + 1},${c + 1}`]?.[property] ?? BLANK[property];
        if (property !== 'validations' || value === null) return value;
        const key = JSON.stringify(value);
        if (!rules.has(key)) rules.set(key, value);
        return rules.get(key);
      }),
    );
  const draft = {
    ...rest,
    layout: { ...rest.layout, columnGroups: [] },
    contents: grid('contents'),
    numberFormats: grid('numberFormats'),
    backgrounds: grid('backgrounds'),
    fontWeights: grid('fontWeights'),
    fontColors: grid('fontColors'),
    notes: grid('notes'),
    validations: grid('validations'),
  } as SheetDraft;
  writeNewSheet(workbook, name, draft);
}
