/**
 * The order of a day's events. Pure.
 *
 * Events the office ranked by hand keep that order among themselves. An event not ranked yet
 * (added after the day was ordered) is not buried under them: it enters right above the
 * first ranked event that is less important than it, so the governor's visit added in the
 * afternoon still leads the day. Unranked events among themselves go by importance, then time.
 * Cancelled events go last.
 */
export interface DayOrderRow {
  importance: number;
  startsAt: Date | string;
  dayRank: number;
  status: string;
}

const byImportanceThenTime = (a: DayOrderRow, b: DayOrderRow) => b.importance - a.importance || new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime();

export function dayOrder<T extends DayOrderRow>(rows: readonly T[]): T[] {
  const live = rows.filter((r) => r.status !== 'cancelled');
  const cancelled = rows.filter((r) => r.status === 'cancelled').sort(byImportanceThenTime);
  const ranked = live.filter((r) => r.dayRank > 0).sort((a, b) => a.dayRank - b.dayRank);
  const unranked = live.filter((r) => !(r.dayRank > 0)).sort(byImportanceThenTime);
  const out: T[] = [];
  let u = 0;
  for (const r of ranked) {
    while (u < unranked.length && unranked[u].importance > r.importance) out.push(unranked[u++]);
    out.push(r);
  }
  out.push(...unranked.slice(u));
  return [...out, ...cancelled];
}
