import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as ical from 'node-ical';
import { DataSource } from 'typeorm';
import { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { FieldError } from '../common/forms';
import { APP_CONFIG, AppConfig } from '../config/config';
import { EventKind } from './agenda-kinds';
import { buildIcs } from './agenda-ics';
import { instantToZoned } from './agenda-time';
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
      return buildIcs({ name: 'Agenda · H. Ayuntamiento', events: rows, host, url: this.config.PUBLIC_URL, method: 'publish' });
    }
    const mine = (await this.repo.coverages({ assigneeId: user.id, from: new Date(now - 60 * 86400_000) })).filter((c) => c.status !== 'cancelled');
    const ids = [...new Set(mine.map((c) => c.eventId))];
    const rows = (await Promise.all(ids.map((id) => this.repo.eventRow(id)))).filter((r) => r !== null);
    return buildIcs({ name: `Mis asignaciones · ${user.name}`, events: rows.map((r) => ({ ...r!, title: `${r!.title}` })), host, url: this.config.PUBLIC_URL, method: 'publish' });
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
    const drafts = vevents.map((v) => {
      const start = v.start as unknown as Date;
      const end = (v.end as unknown as Date | undefined) ?? (start instanceof Date ? new Date(start.getTime() + 3600_000) : undefined);
      const summary = typeof v.summary === 'string' ? v.summary : (v.summary as { val?: string } | undefined)?.val;
      if (!(start instanceof Date) || Number.isNaN(start.getTime()) || !(end instanceof Date) || Number.isNaN(end.getTime())) throw new FieldError('file', 'agenda.ics.error.bad_date');
      if (!summary || !summary.trim()) throw new FieldError('file', 'agenda.ics.error.no_summary');
      if (end.getTime() < start.getTime()) throw new FieldError('file', 'agenda.ics.error.end_before_start');
      const allDay = (v as { datetype?: string }).datetype === 'date';
      const s = instantToZoned(start, tz);
      const e = instantToZoned(allDay ? new Date(end.getTime() - 60_000) : end, tz);
      const location = typeof v.location === 'string' ? v.location : undefined;
      const description = typeof v.description === 'string' ? v.description : undefined;
      const dto = Object.assign(new EventFormDto(), {
        title: summary.trim().slice(0, 200),
        description: description?.slice(0, 8000),
        startDate: s.date,
        startTime: s.time,
        endDate: e.date,
        endTime: e.time,
        allDay,
        place: location?.slice(0, 200),
        departmentId: opts.departmentId,
        kind: opts.kind,
        isPublic: opts.isPublic,
        importance: 3,
        repeat: 'none',
        byWeekday: [],
        scope: 'this',
      });
      return { uid: typeof v.uid === 'string' ? v.uid.slice(0, 255) : undefined, dto };
    });
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
