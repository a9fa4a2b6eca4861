import { mailboxBackoffMs } from './backoff';

it('waits longer after each failure, up to 30 minutes', () => {
  expect([0, 1, 2, 3, 5, 6, 20].map(mailboxBackoffMs)).toEqual([0, 60_000, 120_000, 240_000, 960_000, 1_800_000, 1_800_000]);
});
