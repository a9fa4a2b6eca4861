import { monthGrid, instantToZoned, weekStart, zonedToInstant } from './agenda-time';
import { buildRule, expand, parseRule, RecurrenceError, splitRule } from './recurrence';
import { routeState } from './route';

describe('recurrence rules', () => {
  it('builds an RRULE from the form and expands it at the same wall-clock time', () => {
    const rule = buildRule({ freq: 'weekly', interval: 1, byWeekday: [2, 0], count: 4 });
    expect(rule).toBe('FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4');
    expect(expand(rule, '2026-03-02', '10:00')).toEqual([
      { date: '2026-03-02', time: '10:00' },
      { date: '2026-03-04', time: '10:00' },
      { date: '2026-03-09', time: '10:00' },
      { date: '2026-03-11', time: '10:00' },
    ]);
    expect(parseRule(rule)).toEqual({ freq: 'weekly', interval: 1, byWeekday: [0, 2], count: 4, until: undefined });
  });

  it('ends by a date, every two months, and refuses endless or huge series', () => {
    const rule = buildRule({ freq: 'monthly', interval: 2, until: '2026-09-30' });
    expect(expand(rule, '2026-01-15', '18:30').map((o) => o.date)).toEqual(['2026-01-15', '2026-03-15', '2026-05-15', '2026-07-15', '2026-09-15']);
    expect(() => buildRule({ freq: 'daily', interval: 1 })).toThrow(RecurrenceError);
    expect(() => buildRule({ freq: 'daily', interval: 1, count: 500 })).toThrow(RecurrenceError);
    expect(() => expand(buildRule({ freq: 'daily', interval: 1, until: '2030-01-01' }), '2026-01-01', '09:00')).toThrow(RecurrenceError);
  });

  it('splits a series for "this and the following": the old part ends the day before', () => {
    const rule = buildRule({ freq: 'weekly', interval: 1, count: 6 });
    const { before, after } = splitRule(rule, '2026-03-02', '10:00', '2026-03-16');
    expect(expand(before!, '2026-03-02', '10:00').map((o) => o.date)).toEqual(['2026-03-02', '2026-03-09']);
    expect(expand(after, '2026-03-16', '10:00').map((o) => o.date)).toEqual(['2026-03-16', '2026-03-23', '2026-03-30', '2026-04-06']);
    const untilRule = buildRule({ freq: 'daily', interval: 1, until: '2026-03-05' });
    const split = splitRule(untilRule, '2026-03-01', '08:00', '2026-03-01');
    expect(split.before).toBeNull();
    expect(expand(split.after, '2026-03-03', '08:00').map((o) => o.date)).toEqual(['2026-03-03', '2026-03-04', '2026-03-05']);
  });
});

describe('agenda time and the daily route', () => {
  it('turns wall-clock times in Tampacán into instants and back', () => {
    const at = zonedToInstant('2026-03-02', '10:00', 'America/Mexico_City');
    expect(at.toISOString()).toBe('2026-03-02T16:00:00.000Z');
    expect(instantToZoned(at, 'America/Mexico_City')).toEqual({ date: '2026-03-02', time: '10:00' });
    expect(weekStart('2026-03-05')).toBe('2026-03-02');
    const grid = monthGrid('2026-03');
    expect(grid[0][0]).toBe('2026-02-23');
    expect(grid.flat()).toContain('2026-03-31');
  });

  it('marks pending steps late once their time has passed', () => {
    const ev = { startsAt: new Date('2026-03-02T16:00:00Z'), endsAt: new Date('2026-03-02T18:00:00Z') };
    const state = routeState(ev, [{ step: 'invite_media', doneAt: new Date('2026-03-01T10:00:00Z'), doneBy: 'prensa' }], new Date('2026-03-02T19:00:00Z'));
    const by = Object.fromEntries(state.map((s) => [s.step, s]));
    expect(by.invite_media.done).toBe(true);
    expect(by.confirm_attendance.late).toBe(true);
    expect(by.cover.late).toBe(true);
    expect(by.draft_release.late).toBe(false);
    expect(state).toHaveLength(7);
  });
});
