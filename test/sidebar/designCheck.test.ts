import { designLines } from '../../sidebar/client/designCheck';
import type { DesignCheck } from '../../src/core/designCheck';

const check = (id: DesignCheck['id'], state: DesignCheck['state'], row: string | null = null): DesignCheck => ({
  id,
  state,
  title: { en: `Title ${id}`, ja: `題 ${id}` },
  row,
  reason: state === 'passed' ? null : { en: `Why ${id}`, ja: `理由 ${id}` },
});

describe('the design check as the sidebar lists it', () => {
  const checks = [check('kgi', 'passed'), check('realistic', 'unknown'), check('owners', 'failed', 'Orders'), check('alerts', 'failed')];

  it('puts what to fix first, with its row, then what cannot be told, then what passed', () => {
    const { summary, lines } = designLines(checks, 'en');
    expect(summary).toBe('1 of 4 passed');
    expect(lines.map((l) => [l.mark, l.title, l.fix, l.why])).toEqual([
      ['✗', 'Title owners', 'Row to fix: Orders', 'Why owners'],
      ['✗', 'Title alerts', null, 'Why alerts'],
      ['–', 'Title realistic', null, 'Why realistic'],
      ['✓', 'Title kgi', null, null],
    ]);
  });

  it('says it in Japanese', () => {
    const { summary, lines } = designLines(checks, 'ja');
    expect(summary).toBe('4 項目中 1 項目が合格');
    expect(lines[0]).toMatchObject({ stateText: '未達', title: '題 owners', fix: '直す行: Orders', why: '理由 owners' });
  });
});
