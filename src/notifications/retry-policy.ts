/** When to try again after a failed delivery: exponential backoff, capped. Pure. */
export const MAX_ATTEMPTS = 10;

export function nextDelayMs(attempts: number): number {
  const base = 30_000 * 2 ** Math.max(0, attempts - 1); // 30 s, 1 min, 2 min, 4 min…
  return Math.min(base, 3_600_000);
}

export function shouldGiveUp(attempts: number, permanent: boolean): boolean {
  return permanent || attempts >= MAX_ATTEMPTS;
}
