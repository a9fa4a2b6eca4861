import { cursorParts, validDay, validTimestamp } from './inbox-cursor';

describe('inbox cursor and dates', () => {
  it('takes what the app writes', () => {
    expect(validDay('2024-02-29')).toBe('2024-02-29');
    expect(validTimestamp('2026-12-02 07:17:36.256+00')).toBe(true);
    expect(validTimestamp('2026-12-02 01:17:36.256-06')).toBe(true);
    expect(cursorParts('date', '2026-12-02 07:17:36.256+00|12')).toEqual(['2026-12-02 07:17:36.256+00', '12']);
    expect(cursorParts('deadline', '2026-12-02|12')).toEqual(['2026-12-02', '12']);
    expect(cursorParts('priority', '2|2026-12-02 07:17:36+00|12')).not.toBeNull();
    expect(cursorParts('relevance', '0.0607927|12')).not.toBeNull();
    expect(cursorParts('relevance', '1e-05|12')).not.toBeNull();
  });
  it('ignores anything else', () => {
    for (const d of ['2026-02-30', '2026-13-01', '0000-01-01', '2026-1-1', 'mañana']) expect(validDay(d)).toBeUndefined();
    expect(cursorParts('date', 'not-a-date|1')).toBeNull();
    expect(cursorParts('date', '2026-02-31 10:00:00+00|1')).toBeNull();
    expect(cursorParts('date', '2026-01-01 10:00:00+00|99999999999')).toBeNull();
    expect(cursorParts('priority', '99999|2026-01-01 10:00:00+00|1')).toBeNull();
    expect(cursorParts('relevance', '1e999|1')).toBeNull();
  });
});
