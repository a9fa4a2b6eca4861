import { zonedToInstant as agendaZonedToInstant, instantToZoned as agendaInstantToZoned } from '../agenda/agenda-time';
import { zonedToInstant as bankZonedToInstant } from '../media-bank/local-time';
import { zonedToUtc } from '../monitoring/monitoring-rules';
import { isoInZone } from '../open311/open311-format';
import { loadConfig } from '../config/config';
import { formatInstant, isoWithOffset, localDate, localDateTime, localDateTimeText, localHour, offsetAt, parseLocal, startOfLocalDay, wallClockAsUtc, zonedToInstant } from './local-time';

/**
 * One clock: every conversion between instants and local dates, tested where it is hard, across
 * the daylight-saving changes of zones that have them (America/Tijuana follows the US rules:
 * 8 March 2026 02:00 → 03:00, 1 November 2026 02:00 → 01:00; Europe/Madrid 29 March and
 * 25 October 2026), and in America/Mexico_City, which has none since 2022.
 */
describe('local time', () => {
  const TJ = 'America/Tijuana';
  const MAD = 'Europe/Madrid';
  const MX = 'America/Mexico_City';

  it('reads wall-clock times as instants on both sides of a change', () => {
    expect(zonedToInstant('2026-03-08', '01:30', TJ).toISOString()).toBe('2026-03-08T09:30:00.000Z'); // PST, -08:00
    expect(zonedToInstant('2026-03-08', '03:30', TJ).toISOString()).toBe('2026-03-08T10:30:00.000Z'); // PDT, -07:00
    expect(zonedToInstant('2026-03-29', '03:30', MAD).toISOString()).toBe('2026-03-29T01:30:00.000Z'); // CEST
    expect(zonedToInstant('2026-12-01', '23:24', MX).toISOString()).toBe('2026-12-02T05:24:00.000Z');
  });

  it('moves a skipped time forward and takes the first of a repeated one', () => {
    expect(zonedToInstant('2026-03-08', '02:30', TJ).toISOString()).toBe('2026-03-08T10:30:00.000Z'); // 02:30 does not exist: 03:30 PDT
    expect(zonedToInstant('2026-11-01', '01:30', TJ).toISOString()).toBe('2026-11-01T08:30:00.000Z'); // first 01:30 (PDT)
    expect(zonedToInstant('2026-10-25', '02:30', MAD).toISOString()).toBe('2026-10-25T00:30:00.000Z'); // first 02:30 (CEST)
  });

  it('gives days, hours and offsets of instants around the changes', () => {
    expect(localDate(new Date('2026-03-08T07:59:59Z'), TJ)).toBe('2026-03-07');
    expect(localDate(new Date('2026-03-08T08:00:00Z'), TJ)).toBe('2026-03-08');
    expect(localDateTime(new Date('2026-11-01T09:30:00Z'), TJ)).toEqual({ date: '2026-11-01', time: '01:30' }); // the second 01:30 (PST)
    expect(localHour(new Date('2026-03-08T10:00:00Z'), TJ)).toBe(3);
    expect(offsetAt(new Date('2026-03-08T09:59:00Z'), TJ)).toBe('-08:00');
    expect(offsetAt(new Date('2026-03-08T10:00:00Z'), TJ)).toBe('-07:00');
    expect(isoWithOffset(new Date('2026-10-25T00:59:59Z'), MAD)).toBe('2026-10-25T02:59:59+02:00');
    expect(isoWithOffset(new Date('2026-10-25T01:00:00Z'), MAD)).toBe('2026-10-25T02:00:00+01:00');
    expect(startOfLocalDay('2026-03-08', TJ).toISOString()).toBe('2026-03-08T08:00:00.000Z');
  });

  it('writes spreadsheet and CSV dates as the local clock reads them', () => {
    const filed = new Date('2026-12-02T05:24:20.590Z'); // 1 December, 23:24 in Mexico City
    expect(wallClockAsUtc(filed, MX).toISOString()).toBe('2026-12-01T23:24:20.000Z');
    expect(localDateTimeText(filed, MX)).toBe('2026-12-01 23:24');
    expect(formatInstant(filed, MX)).toBe("1 de diciembre de 2026 a las 23:24");
  });

  it('refuses impossible dates instead of rolling them over', () => {
    expect(parseLocal('2026-02-30', MX)).toBeNull();
    expect(parseLocal('2026-13-01T10:00', MX)).toBeNull();
    expect(parseLocal('2026-02-28T10:00', MX)?.toISOString()).toBe('2026-02-28T16:00:00.000Z');
  });

  it('is what every module uses: monitoring, agenda, media bank and Open311 agree with it across the changes', () => {
    for (const [zone, day] of [[TJ, '2026-03-08'], [TJ, '2026-11-01'], [MAD, '2026-03-29'], [MAD, '2026-10-25'], [MX, '2026-04-05']] as const) {
      for (let h = 0; h < 24; h++) {
        const time = `${String(h).padStart(2, '0')}:30`;
        const expected = zonedToInstant(day, time, zone).toISOString();
        expect([zone, time, zonedToUtc(`${day}T${time}`, zone).toISOString()]).toEqual([zone, time, expected]);
        expect([zone, time, agendaZonedToInstant(day, time, zone).toISOString()]).toEqual([zone, time, expected]);
        expect([zone, time, bankZonedToInstant(`${day}T${time}`, zone)?.toISOString()]).toEqual([zone, time, expected]);
      }
      const start = new Date(`${day}T00:00:00Z`).getTime();
      for (let i = 0; i < 48 * 4; i++) {
        const at = new Date(start + i * 15 * 60_000 + 7_000);
        expect(isoInZone(at, zone)).toBe(isoWithOffset(at, zone));
        expect(agendaInstantToZoned(at, zone)).toEqual(localDateTime(at, zone));
      }
    }
  });

  it('is configured with a real zone: a misspelt TIMEZONE stops the start, naming it', () => {
    expect(() => loadConfig({ TIMEZONE: 'America/Tampacan' })).toThrow(/TIMEZONE/);
    expect(loadConfig({ TIMEZONE: 'America/Tijuana' }).TIMEZONE).toBe('America/Tijuana');
  });
});
