import { CASE_STATUSES } from '../cases/case-status';
import { endOfDayInZone, EXTENDED_STATUS, FROM_EXTENDED_STATUS, georeportStatus, isoInZone, listParam, param, parseDateParam, parseExtendedStatus, redactContacts } from './open311-format';

describe('Open311 mappings', () => {
  it('maps every Cabildo status to open/closed and to an extended status that maps back to it or its family', () => {
    for (const s of CASE_STATUSES) {
      expect(['open', 'closed']).toContain(georeportStatus(s));
      const ext = EXTENDED_STATUS[s];
      expect(georeportStatus(FROM_EXTENDED_STATUS[ext])).toBe(georeportStatus(s));
    }
    expect(georeportStatus('resolved')).toBe('closed');
    expect(georeportStatus('reopened')).toBe('open');
    for (const ext of ['FIXED', 'IN_PROGRESS', 'ACTION_SCHEDULED', 'INVESTIGATING', 'DUPLICATE', 'NOT_COUNCILS_RESPONSIBILITY', 'NO_FURTHER_ACTION', 'INTERNAL_REFERRAL', 'REOPEN', 'OPEN', 'CLOSED']) {
      expect(FROM_EXTENDED_STATUS[ext]).toBeDefined();
    }
    expect(parseExtendedStatus('in progress')).toBe('IN_PROGRESS');
    expect(parseExtendedStatus('fixed')).toBe('FIXED');
    expect(parseExtendedStatus('MAYBE')).toBeNull();
  });

  it('writes ISO 8601 dates with the Mexico City offset', () => {
    expect(isoInZone(new Date('2026-03-01T16:30:05Z'), 'America/Mexico_City')).toBe('2026-03-01T10:30:05-06:00');
    expect(isoInZone(new Date('2026-03-01T16:30:05Z'), 'UTC')).toBe('2026-03-01T16:30:05+00:00');
    expect(endOfDayInZone('2026-07-10', 'America/Mexico_City')).toBe('2026-07-10T23:59:59-06:00');
    expect(parseDateParam('2026-03-01', 'America/Mexico_City')?.toISOString()).toBe('2026-03-01T06:00:00.000Z');
    expect(parseDateParam('2026-03-01T10:00:00Z', 'America/Mexico_City')?.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(parseDateParam('ayer', 'America/Mexico_City')).toBeNull();
    expect(parseDateParam('2026-02-30T00:00:00Z', 'America/Mexico_City')).toBeNull();
  });

  it('removes emails and phone numbers from descriptions', () => {
    expect(redactContacts('Llámenme al 482 365 0100 o a vecina@ejemplo.mx; el poste 12 de la calle 5 de Mayo.')).toBe(
      'Llámenme al [teléfono omitido] o a [correo omitido]; el poste 12 de la calle 5 de Mayo.',
    );
    expect(redactContacts('Tel. +52 (482) 123-4567')).toBe('Tel. [teléfono omitido]');
    expect(redactContacts('Duplicada de AC-2026-000123; llame al 482-365-0100.')).toBe('Duplicada de AC-2026-000123; llame al [teléfono omitido].');
  });

  it('leaves numbers inside links alone (a FixMyStreet report is not a phone)', () => {
    expect(redactContacts('Reportado en https://www.fixmystreet.com/report/6188252252 y www.ejemplo.mx/n/4823650100; tel. 482 365 0100')).toBe(
      'Reportado en https://www.fixmystreet.com/report/6188252252 y www.ejemplo.mx/n/4823650100; tel. [teléfono omitido]',
    );
  });

  it('reads an empty parameter as an absent one', () => {
    expect(param('')).toBeUndefined();
    expect(param('  ')).toBeUndefined();
    expect(param(['a', 'b'])).toBe('b');
    expect(listParam('1, 2,,3')).toEqual(['1', '2', '3']);
    expect(listParam(undefined)).toEqual([]);
  });

  it('writes local times with their offset as Intl does, across daylight-saving changes and odd offsets', () => {
    const intl = (at: Date, timeZone: string) => {
      const parts = Object.fromEntries(
        new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset' }).formatToParts(at).map((p) => [p.type, p.value]),
      );
      const offset = parts.timeZoneName === 'GMT' ? '+00:00' : parts.timeZoneName.replace('GMT', '');
      return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
    };
    // Mexico City kept daylight saving until October 2022; Tijuana still does; Kolkata is +05:30; Lord Howe moves by half an hour.
    const zones = ['America/Mexico_City', 'America/Tijuana', 'America/Cancun', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'];
    let seed = 11;
    const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 2000; i++) {
      const at = new Date(Date.UTC(2015, 0, 1) + Math.floor(rand() * 12 * 365 * 86_400) * 1000);
      const zone = zones[i % zones.length];
      expect([zone, at.toISOString(), isoInZone(at, zone)]).toEqual([zone, at.toISOString(), intl(at, zone)]);
    }
    // Either side of Mexico City's last change back to standard time (30 Oct 2022, 02:00 local → 01:00).
    expect(isoInZone(new Date('2022-10-30T06:59:59Z'), 'America/Mexico_City')).toBe('2022-10-30T01:59:59-05:00');
    expect(isoInZone(new Date('2022-10-30T07:00:00Z'), 'America/Mexico_City')).toBe('2022-10-30T01:00:00-06:00');
  });
});
