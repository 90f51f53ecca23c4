import { newKpi } from '../../sidebar/client/kpiForm';

describe('the process KPI the form sends', () => {
  it('takes a catalogue entry in both languages, or a custom name for both', () => {
    const custom = newKpi('__custom', '  Partner leads ', 'leads', 120, false);
    expect(custom).toEqual({ parent: 'leads', label: { en: 'Partner leads', ja: 'Partner leads' }, definition: { en: '', ja: '' }, plan: 120, lowerIsBetter: false });
    expect(newKpi('__custom', '   ', 'leads', 120, false)).toBeNull();
  });

  it('is a channel with its share, never lower-is-better, when the planner says it joins the sum', () => {
    const channel = newKpi('__custom', 'Partner leads', 'leads', 0, true, 0.1);
    expect(channel).toMatchObject({ parent: 'leads', channelShare: 0.1, lowerIsBetter: false });
    expect(newKpi('__custom', 'Partner leads', 'leads', 5, false)).not.toHaveProperty('channelShare');
  });
});
