import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as ical from 'node-ical';
import { RRule } from 'rrule';
import { DataSource } from 'typeorm';
import { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { FieldError } from '../common/forms';
import { APP_CONFIG, AppConfig } from '../config/config';
import { EventKind } from './agenda-kinds';
import { buildIcs } from './agenda-ics';
import { addDays, instantToZoned } from './agenda-time';
import { buildRule, expand, MAX_OCCURRENCES, RecurrenceError } from './recurrence';
import { AgendaEventsService } from './agenda-events.service';
import { AgendaRepository } from './agenda.repository';
import { EventFormDto } from './dto/event.dto';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const MAX_ICS_BYTES = 1024 * 1024;

/** Private iCalendar feeds per staff member (revocable token), and .ics import into the agenda. */
@Injectable()
export class CalendarFeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: AgendaRepository,
    private readonly events: AgendaEventsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async hasToken(userId: number): Promise<{ createdAt: Date } | null> {
    const t = await this.repo.feedToken(userId);
    return t ? { createdAt: t.createdAt } : null;
  }

  /** A new secret address; the previous one stops working at once. Only its hash is kept. */
  async newToken(userId: number, actor: Actor): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    await this.dataSource.transaction(async (m) => {
      await this.repo.setFeedToken(userId, sha256(token), m);
      await this.audit.record(actor, { action: 'agenda.feed_token', entityType: 'user', entityId: userId }, m);
    });
    return token;
  }

  async revoke(userId: number, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.repo.deleteFeedToken(userId, m);
      await this.audit.record(actor, { action: 'agenda.feed_revoke', entityType: 'user', entityId: userId }, m);
    });
  }

  /** The feed's text, or null for an unknown or revoked token. */
  async feed(token: string, kind: 'agenda' | 'assignments'): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
    const user = await this.repo.userByFeedToken(sha256(token));
    if (!user) return null;
    const now = this.clock.now().getTime();
    const host = new URL(this.config.PUBLIC_URL).hostname;
    if (kind === 'agenda') {
      if (!['press', 'director', 'admin'].includes(user.role)) return null;
      const rows = await this.repo.events({ from: new Date(now - 60 * 86400_000), to: new Date(now + 366 * 86400_000), statuses: ['scheduled', 'postponed', 'cancelled'], limit: 2000 });
      return buildIcs({ name: 'Agenda · H. Ayuntamiento', events: rows, host, url: this.config.PUBLIC_URL, method: 'publish', timeZone: this.config.TIMEZONE });
    }
    const mine = (await this.repo.coverages({ assigneeId: user.id, from: new Date(now - 60 * 86400_000) })).filter((c) => c.status !== 'cancelled');
    const ids = [...new Set(mine.map((c) => c.eventId))];
    const rows = (await Promise.all(ids.map((id) => this.repo.eventRow(id)))).filter((r) => r !== null);
    return buildIcs({ name: `Mis asignaciones · ${user.name}`, events: rows.map((r) => ({ ...r!, title: `${r!.title}` })), host, url: this.config.PUBLIC_URL, method: 'publish', timeZone: this.config.TIMEZONE });
  }

  /** Import the events of an .ics file, all or none; events already imported (same UID) are skipped. */
  async importIcs(text: string, opts: { departmentId: number; kind: EventKind; isPublic: boolean }, actor: Actor): Promise<{ imported: number; skipped: number }> {
    if (!/BEGIN:VCALENDAR/i.test(text) || !/END:VCALENDAR/i.test(text)) throw new FieldError('file', 'agenda.ics.error.not_ics');
    let parsed: ical.CalendarResponse;
    try {
      parsed = ical.sync.parseICS(text);
    } catch {
      throw new FieldError('file', 'agenda.ics.error.malformed');
    }
    const vevents = Object.values(parsed).filter((c): c is ical.VEvent => !!c && (c as { type?: string }).type === 'VEVENT');
    if (!vevents.length) throw new FieldError('file', 'agenda.ics.error.no_events');
    if (vevents.length > 500) throw new FieldError('file', 'agenda.ics.error.too_many');
    const tz = this.config.TIMEZONE;
    const drafts = vevents.flatMap((v) => {
      const start = v.start as unknown as Date;
      const end = (v.end as unknown as Date | undefined) ?? (start instanceof Date ? new Date(start.getTime() + 3600_000) : undefined);
      const summary = typeof v.summary === 'string' ? v.summary : (v.summary as { val?: string } | undefined)?.val;
      if (!(start instanceof Date) || Number.isNaN(start.getTime()) || !(end instanceof Date) || Number.isNaN(end.getTime())) throw new FieldError('file', 'agenda.ics.error.bad_date');
      if (!summary || !summary.trim()) throw new FieldError('file', 'agenda.ics.error.no_summary');
      if (end.getTime() < start.getTime()) throw new FieldError('file', 'agenda.ics.error.end_before_start');
      const allDay = (v as { datetype?: string }).datetype === 'date';
      const location = typeof v.location === 'string' ? v.location : undefined;
      const description = typeof v.description === 'string' ? v.description : undefined;
      const uid = typeof v.uid === 'string' ? v.uid.slice(0, 255) : undefined;
      const base = {
        title: summary.trim().slice(0, 200),
        description: description?.slice(0, 8000),
        allDay,
        place: location?.slice(0, 200),
        departmentId: opts.departmentId,
        kind: opts.kind,
        isPublic: opts.isPublic,
        importance: 3,
        byWeekday: [] as number[],
        scope: 'this',
      };
      const when = (from: Date, to: Date) => {
        if (allDay) {
          // A DATE is a calendar day, not an instant: node-ical builds it at midnight of the
          // server's zone, so its day is read there; DTEND is the day after the last one.
          const first = serverLocalDate(from);
          const last = addDays(serverLocalDate(to), -1);
          return { startDate: first, startTime: '00:00', endDate: last < first ? first : last, endTime: '23:59' };
        }
        const s = instantToZoned(from, tz);
        const e = instantToZoned(to, tz);
        return { startDate: s.date, startTime: s.time, endDate: e.date, endTime: e.time };
      };
      const dto = (from: Date, to: Date, recurrence: Partial<EventFormDto> = { repeat: 'none' }) => Object.assign(new EventFormDto(), { ...base, ...when(from, to), ...recurrence });
      const ruleLine = v.rrule ? String(v.rrule.toString()).split(/\r?\n/).find((l) => l.startsWith('RRULE:')) : undefined;
      if (!ruleLine) return [{ uid, dto: dto(start, end) }];
      const exdates = Object.values((v as { exdate?: Record<string, Date> }).exdate ?? {}).filter((d): d is Date => d instanceof Date);
      const overridden = Object.keys((v as { recurrences?: Record<string, unknown> }).recurrences ?? {}).length > 0;
      const series = !exdates.length && !overridden ? seriesOf(ruleLine.slice(6), when(start, end).startDate, when(start, end).startTime, tz) : null;
      if (series) return [{ uid, dto: dto(start, end, series) }];
      // A rule the agenda's series cannot say (or with dates taken out or moved): each
      // occurrence of the coming year on its own, at most MAX_OCCURRENCES.
      const duration = end.getTime() - start.getTime();
      const skip = new Set(exdates.map((d) => d.getTime()));
      const horizon = new Date(start.getTime() + 366 * 86400_000);
      const occurrences = (v.rrule as unknown as { between(a: Date, b: Date, inc: boolean): Date[] }).between(start, horizon, true).filter((d) => !skip.has(d.getTime())).slice(0, MAX_OCCURRENCES);
      return occurrences.map((d, i) => ({ uid: uid ? (i === 0 ? uid : `${uid.slice(0, 240)}#${instantToZoned(d, tz).date}`) : undefined, dto: dto(d, new Date(d.getTime() + duration)) }));
    });
    if (drafts.length > 2000) throw new FieldError('file', 'agenda.ics.error.too_many');
    return this.dataSource.transaction(async (m) => {
      const known = new Set((await this.repo.externalUidExists(drafts.map((d) => d.uid).filter((u): u is string => !!u), m)).map((r) => r.externalUid));
      let imported = 0;
      let skipped = 0;
      for (const d of drafts) {
        if (d.uid && known.has(d.uid)) {
          skipped++;
          continue;
        }
        await this.events.create(d.dto, actor, { externalUid: d.uid }, m);
        if (d.uid) known.add(d.uid);
        imported++;
      }
      await this.audit.record(actor, { action: 'agenda.import_ics', entityType: 'agenda_event', entityId: null, details: { imported, skipped } }, m);
      return { imported, skipped };
    });
  }
}

/** The calendar day a Date names in the server's own zone (how node-ical builds a DATE value). */
function serverLocalDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * An RRULE as the agenda's own series (daily, weekly on some days, or monthly on the same
 * day; every 1 to 12; ending by a count or a date), or null when it cannot be said that way.
 * A rule without an end is kept for a year (at most MAX_OCCURRENCES), as the form does.
 */
function seriesOf(rule: string, startDate: string, startTime: string, tz: string): Partial<EventFormDto> | null {
  let o: ReturnType<typeof RRule.parseString>;
  try {
    o = RRule.parseString(rule);
  } catch {
    return null;
  }
  const freq = o.freq === RRule.DAILY ? 'daily' : o.freq === RRule.WEEKLY ? 'weekly' : o.freq === RRule.MONTHLY ? 'monthly' : null;
  if (!freq) return null;
  const has = (x: unknown) => x != null && !(Array.isArray(x) && x.length === 0);
  if (has(o.bysetpos) || has(o.bymonth) || has(o.byyearday) || has(o.byweekno) || has(o.byhour) || has(o.byminute) || has(o.bysecond) || has(o.byeaster)) return null;
  const days = (o.byweekday == null ? [] : Array.isArray(o.byweekday) ? o.byweekday : [o.byweekday]).map((w) => (typeof w === 'number' ? { weekday: w, n: undefined } : (w as { weekday: number; n?: number })));
  if (days.length && (freq !== 'weekly' || days.some((d) => d.n))) return null;
  const monthDays = o.bymonthday == null ? [] : Array.isArray(o.bymonthday) ? o.bymonthday : [o.bymonthday];
  if (monthDays.length && (freq !== 'monthly' || monthDays.length > 1 || monthDays[0] !== Number(startDate.slice(8, 10)))) return null;
  const interval = o.interval ?? 1;
  if (interval < 1 || interval > 12) return null;
  const byWeekday = days.map((d) => d.weekday);
  let count = o.count ? Math.min(o.count, MAX_OCCURRENCES) : undefined;
  let until = count ? undefined : o.until ? instantToZoned(o.until, tz).date : addDays(startDate, 365);
  if (until) {
    try {
      expand(buildRule({ freq, interval, byWeekday, until }), startDate, startTime);
    } catch (e) {
      if (!(e instanceof RecurrenceError)) throw e;
      until = undefined;
      count = MAX_OCCURRENCES;
    }
  }
  if (count === 1) return { repeat: 'none' };
  return { repeat: freq, interval, byWeekday, count, until };
}
