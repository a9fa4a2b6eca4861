import { addBusinessDays, businessDaysBetween, easterSunday, mexicanHolidays } from './business-days';

describe('business days', () => {
  const holidays = new Set(mexicanHolidays(2026).map((h) => h.day));

  it('knows Easter and the movable official holidays of 2026', () => {
    expect(easterSunday(2026)).toBe('2026-04-05');
    const byName = Object.fromEntries(mexicanHolidays(2026).map((h) => [h.name, h.day]));
    expect(byName['Día de la Constitución']).toBe('2026-02-02');
    expect(byName['Natalicio de Benito Juárez']).toBe('2026-03-16');
    expect(byName['Día de la Revolución']).toBe('2026-11-16');
    expect(byName['Viernes Santo']).toBe('2026-04-03');
    expect(byName['Transmisión del Poder Ejecutivo Federal']).toBeUndefined();
    expect(mexicanHolidays(2030).some((h) => h.day === '2030-10-01')).toBe(true);
  });

  it('skips weekends and holidays when adding business days', () => {
    // Friday 13 Nov 2026 + 1 business day: Monday 16 is Revolution day, so Tuesday 17.
    expect(addBusinessDays('2026-11-13', 1, holidays)).toBe('2026-11-17');
    expect(addBusinessDays('2026-11-13', 5, holidays)).toBe('2026-11-23');
    // Saturday rolled to Monday for n = 0.
    expect(addBusinessDays('2026-11-21', 0, holidays)).toBe('2026-11-23');
  });

  it('counts business days between two dates, negative when past', () => {
    expect(businessDaysBetween('2026-11-13', '2026-11-23', holidays)).toBe(5);
    expect(businessDaysBetween('2026-11-23', '2026-11-13', holidays)).toBe(-5);
    expect(businessDaysBetween('2026-11-20', '2026-11-20', holidays)).toBe(0);
  });

  it('agrees with counting day by day, for dates years apart in both directions', () => {
    const many = new Set([2024, 2025, 2026, 2027].flatMap((y) => mexicanHolidays(y).map((h) => h.day)));
    const naive = (from: string, to: string) => {
      const step = to > from ? 1 : -1;
      let n = 0;
      for (let d = from; d !== to; ) {
        const next = new Date(Date.parse(d + 'T00:00:00Z') + step * 86_400_000).toISOString().slice(0, 10);
        // Forward, the days (from, to] are counted; backward, [to, from): each the day stepped onto.
        const counted = next;
        const wd = new Date(counted + 'T00:00:00Z').getUTCDay();
        if (wd !== 0 && wd !== 6 && !many.has(counted)) n += step;
        d = next;
      }
      return n;
    };
    let seed = 7;
    const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const day = () => new Date(Date.UTC(2024, 0, 1) + Math.floor(rand() * 4 * 365) * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < 300; i++) {
      const [a, b] = [day(), day()];
      expect([a, b, businessDaysBetween(a, b, many)]).toEqual([a, b, naive(a, b)]);
    }
  });
});
