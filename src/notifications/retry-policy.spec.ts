import { MAX_ATTEMPTS, nextDelayMs, shouldGiveUp } from './retry-policy';

describe('outbox retry policy', () => {
  it('backs off exponentially and caps at one hour', () => {
    expect([1, 2, 3, 4].map(nextDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(nextDelayMs(20)).toBe(3_600_000);
  });
  it('gives up on permanent errors or after the last attempt', () => {
    expect(shouldGiveUp(1, true)).toBe(true);
    expect(shouldGiveUp(MAX_ATTEMPTS - 1, false)).toBe(false);
    expect(shouldGiveUp(MAX_ATTEMPTS, false)).toBe(true);
  });
});
