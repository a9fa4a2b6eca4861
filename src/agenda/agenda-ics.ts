import icalGenerator, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { addDays, instantToZoned } from './agenda-time';

const dayIn = (d: Date, tz: string) => instantToZoned(d, tz).date;
const utcDay = (day: string) => new Date(`${day}T00:00:00Z`);

export interface IcsEvent {
  id: number;
  title: string;
  description?: string | null;
  startsAt: Date;
  endsAt: Date;
  allDay: boolean;
  place?: string | null;
  address?: string | null;
  status: string;
  sequence: number;
  updatedAt?: Date;
}

/** An iCalendar document (RFC 5545) of events, in UTC so that any calendar app shows local times right. */
export function buildIcs(opts: { name: string; events: IcsEvent[]; host: string; url?: string; method?: 'publish' | 'request'; timeZone: string }): string {
  const cal = icalGenerator({ name: opts.name, prodId: { company: 'Cabildo', product: 'Agenda', language: 'ES' } });
  if (opts.method === 'request') cal.method(ICalCalendarMethod.REQUEST);
  else cal.method(ICalCalendarMethod.PUBLISH);
  for (const e of opts.events) {
    // An all-day event is a range of days (DTEND the day after the last): ical-generator writes
    // a DATE from the UTC fields, so the municipality's days are carried there.
    const days = e.allDay ? { start: utcDay(dayIn(new Date(e.startsAt), opts.timeZone)), end: utcDay(addDays(dayIn(new Date(e.endsAt), opts.timeZone), 1)) } : null;
    cal.createEvent({
      id: `evento-${e.id}@${opts.host}`,
      sequence: e.sequence,
      start: days?.start ?? e.startsAt,
      end: days?.end ?? e.endsAt,
      allDay: !!days,
      summary: e.title,
      description: e.description ?? undefined,
      location: [e.place, e.address].filter(Boolean).join(', ') || undefined,
      status: e.status === 'cancelled' ? ICalEventStatus.CANCELLED : e.status === 'scheduled' ? ICalEventStatus.CONFIRMED : ICalEventStatus.TENTATIVE,
      url: opts.url ? `${opts.url}/agenda/eventos/${e.id}` : undefined,
      stamp: e.updatedAt ?? new Date(),
    });
  }
  return cal.toString();
}
