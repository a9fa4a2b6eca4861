import { dayIn, instantToZoned, zonedToInstant } from './local-time';

describe('local time', () => {
  it('reads wall-clock time in Mexico City', () => {
    expect(zonedToInstant('2026-03-14T10:30', 'America/Mexico_City')!.toISOString()).toBe('2026-03-14T16:30:00.000Z');
    expect(zonedToInstant('2026-03-14', 'America/Mexico_City')!.toISOString()).toBe('2026-03-14T06:00:00.000Z');
    expect(zonedToInstant('2026-13-14', 'America/Mexico_City')).toBeNull();
    expect(zonedToInstant('ayer', 'America/Mexico_City')).toBeNull();
  });
  it('writes instants back as wall-clock time', () => {
    expect(instantToZoned(new Date('2026-03-14T16:30:00Z'), 'America/Mexico_City')).toBe('2026-03-14T10:30');
    expect(dayIn(new Date('2026-03-15T05:59:00Z'), 'America/Mexico_City')).toBe('2026-03-14');
  });
});
