import { decideBlackout, localDay, periodOn, periodProblem } from './blackout-rules';

const TZ = 'America/Mexico_City';
const periods = [
  { id: 1, name: 'Proceso electoral local 2026-2027', kind: 'state' as const, startsOn: '2027-04-03', endsOn: '2027-06-06' },
  { id: 2, name: 'Revocación de mandato', kind: 'recall' as const, startsOn: '2026-02-01', endsOn: '2026-02-28' },
];

describe('electoral blackout rules', () => {
  it('reads the day in the municipality, not in UTC', () => {
    // 05:30 UTC on 3 April is still 2 April in Mexico City (UTC-6).
    expect(localDay(new Date('2027-04-03T05:30:00Z'), TZ)).toBe('2027-04-02');
    expect(localDay(new Date('2027-04-03T06:30:00Z'), TZ)).toBe('2027-04-03');
  });

  it('allows everything outside a period, including the day before and after', () => {
    for (const at of ['2027-04-03T05:59:00Z', '2027-06-07T06:01:00Z', '2026-03-01T18:00:00Z']) {
      expect(decideBlackout(periods, { act: 'send_release', at: new Date(at) }, TZ)).toEqual({ verdict: 'allowed' });
    }
  });

  it('refuses every governed act inside a period, first and last day included, with a message per act', () => {
    for (const act of ['send_release', 'publish_newsroom', 'publish_social', 'run_campaign_piece'] as const) {
      const first = decideBlackout(periods, { act, at: new Date('2027-04-03T06:00:00Z') }, TZ);
      expect(first).toMatchObject({ verdict: 'refused', messageKey: `blackout.refused.${act}`, field: 'exception', period: { id: 1 } });
      const last = decideBlackout(periods, { act, at: new Date('2027-06-07T05:59:00Z') }, TZ);
      expect(last.verdict).toBe('refused');
    }
  });

  it('allows a legal exception only with a reason, and names the field to fix', () => {
    const at = new Date('2026-02-10T17:00:00Z');
    expect(decideBlackout(periods, { act: 'publish_social', at, exception: 'health', reason: '' }, TZ)).toMatchObject({ verdict: 'refused', field: 'exceptionReason', messageKey: 'blackout.refused.reason_required' });
    expect(decideBlackout(periods, { act: 'publish_social', at, exception: 'propaganda', reason: 'Una razón suficiente' }, TZ)).toMatchObject({ verdict: 'refused', messageKey: 'blackout.refused.unknown_exception' });
    expect(decideBlackout(periods, { act: 'publish_social', at, exception: 'civil_protection', reason: '  Alerta por frente frío 24  ' }, TZ)).toEqual({
      verdict: 'exception',
      period: periods[1],
      exception: 'civil_protection',
      reason: 'Alerta por frente frío 24',
    });
  });

  it('picks the earliest of overlapping periods and checks a period itself', () => {
    const overlapping = [...periods, { id: 3, name: 'Federal', kind: 'federal' as const, startsOn: '2027-03-01', endsOn: '2027-06-06' }];
    expect(periodOn(overlapping, '2027-05-01')?.id).toBe(3);
    expect(periodProblem('2027-06-06', '2027-04-03')).toBe('blackout.validation.ends_before_start');
    expect(periodProblem('2026-01-01', '2027-06-06')).toBe('blackout.validation.too_long');
    expect(periodProblem('2027-04-03', '2027-04-03')).toBeNull();
  });
});
