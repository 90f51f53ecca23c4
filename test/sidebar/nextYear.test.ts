import { nextYearRef, nextYearTree } from '../../sidebar/client/nextYear';
import type { TreeRef } from '../../src/rpc';

const ref = (sheetName: string, templateId: TreeRef['templateId'], fiscalYear: number | null): TreeRef => ({
  sheetName,
  templateId,
  lang: 'ja',
  fiscalYear,
});
const tree = ref('KPI 2025', 'new_business', 2025);

describe('next fiscal year’s tree', () => {
  it('is the same template’s tree of the year after, when the workbook holds one', () => {
    const next = ref('KPI 2026', 'new_business', 2026);
    expect(nextYearTree([tree, ref('Accounts 2026', 'account_sales', 2026), next], tree, 2025)).toBe(next);
    expect(nextYearTree([tree], tree, 2025)).toBeNull();
    expect(nextYearTree([tree, next], tree, null)).toBeNull();
  });

  it('is listed with the template and language of this year’s', () => {
    expect(nextYearRef(tree, 2025, 'KPI 2026')).toEqual(ref('KPI 2026', 'new_business', 2026));
    expect(nextYearRef(tree, null, 'KPI (2)').fiscalYear).toBeNull();
  });
});
