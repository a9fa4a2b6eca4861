import * as ical from 'node-ical';
import { SYSTEM_ACTOR } from '../../src/audit/audit-actor';
import { CalendarFeedService } from '../../src/agenda/calendar-feed.service';
import { createTestApp, login, submitForm, TestApp } from '../support/app';

/**
 * Calendar files in and out. The municipality's zone (TIMEZONE) is not the server's (TZ): a
 * server on UTC in Tijuana, or here one on Mexico City for a town hall on Tijuana time.
 */
describe('agenda: iCalendar import of series and all-day events, and all-day events in the feed', () => {
  let t: TestApp;
  let press: ReturnType<TestApp['agent']>;
  let depId: number;
  const asPress = { ...SYSTEM_ACTOR, role: 'press' };
  const cal = (...events: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Prueba//ES', ...events, 'END:VCALENDAR', ''].join('\r\n');
  const rows = (title: string) => t.dataSource.query(`SELECT to_char(starts_at AT TIME ZONE 'America/Tijuana', 'YYYY-MM-DD HH24:MI') AS start, to_char(ends_at AT TIME ZONE 'America/Tijuana', 'YYYY-MM-DD HH24:MI') AS end, all_day, series_id FROM agenda_events WHERE title = $1 ORDER BY starts_at`, [title]);

  beforeAll(async () => {
    t = await createTestApp({ TIMEZONE: 'America/Tijuana' });
    depId = (await t.factories.department()).id;
    const u = await t.factories.user('press');
    press = t.agent();
    await login(press, u.email, u.password);
  });
  afterAll(async () => {
    await t?.close();
    delete process.env.TIMEZONE;
  });
  const importIcs = (text: string) => t.app.get(CalendarFeedService).importIcs(text, { departmentId: depId, kind: 'civic_event', isPublic: true }, asPress);

  it('keeps an all-day event on its day', async () => {
    await importIcs(cal('BEGIN:VEVENT', 'UID:feria@tampacan', 'SUMMARY:Feria regional', 'DTSTART;VALUE=DATE:20300316', 'DTEND;VALUE=DATE:20300318', 'END:VEVENT'));
    expect(await rows('Feria regional')).toEqual([{ start: '2030-03-16 00:00', end: '2030-03-17 23:59', all_day: true, series_id: null }]);
  });

  it('imports a weekly RRULE as a series, each occurrence at its local time, without the excluded dates', async () => {
    const r = await importIcs(
      cal(
        'BEGIN:VEVENT', 'UID:cabildo@tampacan', 'SUMMARY:Sesión de Cabildo', 'DTSTART;TZID=America/Tijuana:20300304T100000', 'DTEND;TZID=America/Tijuana:20300304T120000', 'RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4', 'END:VEVENT',
        'BEGIN:VEVENT', 'UID:tianguis@tampacan', 'SUMMARY:Tianguis', 'DTSTART;TZID=America/Tijuana:20300305T080000', 'DTEND;TZID=America/Tijuana:20300305T090000', 'RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20300420T000000Z', 'EXDATE;TZID=America/Tijuana:20300319T080000', 'END:VEVENT',
      ),
    );
    expect(r.imported).toBe(4); // the series once; the tianguis, with a date taken out, as its three dates
    // DTSTART is a Monday? 2030-03-04 is a Monday: four Mondays across the DST change (10 March).
    const series = await rows('Sesión de Cabildo');
    expect(series.map((x: { start: string }) => x.start)).toEqual(['2030-03-04 10:00', '2030-03-11 10:00', '2030-03-18 10:00', '2030-03-25 10:00']);
    expect(new Set(series.map((x: { series_id: number }) => x.series_id)).size).toBe(1);
    expect(series[0].series_id).not.toBeNull();
    const tianguis = await rows('Tianguis');
    expect(tianguis.map((x: { start: string }) => x.start)).toEqual(['2030-03-05 08:00', '2030-04-02 08:00', '2030-04-16 08:00']);
    // Imported again: nothing doubles.
    const again = await importIcs(cal('BEGIN:VEVENT', 'UID:cabildo@tampacan', 'SUMMARY:Sesión de Cabildo', 'DTSTART;TZID=America/Tijuana:20300304T100000', 'DTEND;TZID=America/Tijuana:20300304T120000', 'RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4', 'END:VEVENT'));
    expect(again.imported).toBe(0);
    expect(await rows('Sesión de Cabildo')).toHaveLength(4);
  });

  it('exports an all-day event as a date, not as a timed event', async () => {
    const res = await submitForm(press, '/agenda/calendario', '/agenda/calendario/token', {});
    const path = new URL(/value="(http[^"]+\/agenda\.ics)"/.exec(res.text)![1]).pathname;
    const shift = Date.parse('2030-03-01T12:00:00Z') - t.clock.now().getTime();
    t.clock.travel(shift);
    const feed = await t.agent().get(path);
    t.clock.travel(-shift);
    expect(feed.status).toBe(200);
    expect(feed.text).toMatch(/DTSTART;VALUE=DATE:20300316\r?\n/);
    expect(feed.text).toMatch(/DTEND;VALUE=DATE:20300318\r?\n/);
    const feria = Object.values(ical.sync.parseICS(feed.text)).find((c) => c?.type === 'VEVENT' && c.summary === 'Feria regional') as ical.VEvent;
    expect((feria as unknown as { datetype: string }).datetype).toBe('date');
  });
});
