/** After `failures` failed tries in a row, how long to wait before the next: 1, 2, 4, 8, 16, then every 30 minutes. Pure. */
export function mailboxBackoffMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(60_000 * 2 ** (failures - 1), 30 * 60_000);
}
