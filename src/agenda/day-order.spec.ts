import { dayOrder } from './day-order';

const ev = (id: number, importance: number, hour: number, dayRank = 0, status = 'scheduled') => ({ id, importance, startsAt: new Date(Date.UTC(2030, 2, 4, hour)), dayRank, status });

describe('the order of a day', () => {
  it('keeps the manual order, and a later, more important event enters above the less important ones', () => {
    // The office ordered three events by hand; then the governor's visit (importance 5) was added.
    const rows = [ev(1, 3, 10, 1), ev(2, 2, 9, 2), ev(3, 4, 12, 3), ev(4, 5, 17), ev(5, 1, 8)];
    expect(dayOrder(rows).map((r) => r.id)).toEqual([4, 1, 2, 3, 5]);
  });

  it('puts an added event of middling importance above the first ranked one below it', () => {
    const rows = [ev(1, 5, 10, 1), ev(2, 2, 9, 2), ev(3, 4, 12, 3), ev(4, 3, 17)];
    expect(dayOrder(rows).map((r) => r.id)).toEqual([1, 4, 2, 3]);
  });

  it('orders an unranked day by importance, then time; cancelled events last', () => {
    const rows = [ev(1, 3, 10), ev(2, 5, 12), ev(3, 5, 9), ev(4, 5, 8, 0, 'cancelled')];
    expect(dayOrder(rows).map((r) => r.id)).toEqual([3, 2, 1, 4]);
  });
});
