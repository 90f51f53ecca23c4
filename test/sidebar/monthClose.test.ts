import { missingLine } from '../../sidebar/client/monthClose';

describe('a refused month close', () => {
  it('lists each blank actual with its owner, when one is named', () => {
    expect(missingLine({ nodeId: 'deals', label: 'Deals', owner: 'sato@example.co.jp', months: ['2025-04', '2025-05'] })).toBe(
      'Deals (sato@example.co.jp): 2025-04, 2025-05',
    );
    expect(missingLine({ nodeId: 'visits', label: 'Visits', owner: '', months: ['2025-04'] })).toBe('Visits: 2025-04');
  });
});
