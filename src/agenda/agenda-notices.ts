import { Inject, Injectable } from '@nestjs/common';
import { I18nService } from 'nestjs-i18n';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { OutboxService } from '../notifications/outbox.service';
import { buildIcs, IcsEvent } from './agenda-ics';
import { formatInstant } from '../common/local-time';

/** The emails the agenda sends (always through the outbox), each with the event's .ics attached. */
@Injectable()
export class AgendaNotices {
  constructor(
    private readonly outbox: OutboxService,
    private readonly i18n: I18nService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private t(key: string, args: Record<string, unknown> = {}): string {
    return this.i18n.t(key, { lang: 'es', args }) as string;
  }

  get host(): string {
    return new URL(this.config.PUBLIC_URL).hostname;
  }

  /** "lunes 2 de marzo de 2026, 10:00" in the town hall's zone. */
  when(d: Date): string {
    return formatInstant(d, this.config.TIMEZONE, { date: 'full' });
  }

  ics(event: IcsEvent, method: 'publish' | 'request' = 'request'): string {
    return buildIcs({ name: event.title, events: [event], host: this.host, url: this.config.PUBLIC_URL, method, timeZone: this.config.TIMEZONE });
  }

  /** To one person assigned to cover an event, or told that the event moved / was cancelled. */
  async coverageNotice(
    manager: EntityManager,
    kind: 'assigned' | 'moved' | 'cancelled',
    to: { email: string; name: string },
    event: IcsEvent,
    coverage: { id: number; type: string; note: string | null; callAt: Date | null },
  ): Promise<void> {
    const type = this.t(`agenda.coverage_type.${coverage.type}`);
    const subject = this.t(`agenda.mail.${kind}_subject`, { type, title: event.title });
    const lines = [
      this.t('agenda.mail.greeting', { name: to.name }),
      '',
      this.t(`agenda.mail.${kind}_intro`, { type }),
      '',
      `${this.t('agenda.field.title')}: ${event.title}`,
      `${this.t('agenda.field.when')}: ${this.when(event.startsAt)} – ${this.when(event.endsAt)}`,
      event.place ? `${this.t('agenda.field.place')}: ${[event.place, event.address].filter(Boolean).join(', ')}` : '',
      coverage.callAt ? `${this.t('agenda.field.call_time')}: ${this.when(coverage.callAt)}` : '',
      coverage.note ? `${this.t('agenda.field.note')}: ${coverage.note}` : '',
      '',
      `${this.t('agenda.mail.link')}: ${this.config.PUBLIC_URL}/agenda/eventos/${event.id}`,
      this.t('agenda.mail.ics_hint'),
    ].filter((l, i, all) => l !== '' || all[i - 1] !== '');
    await this.outbox.enqueueEmail(
      manager,
      {
        to: to.email,
        subject,
        text: lines.join('\n'),
        attachments: [{ filename: 'evento.ics', contentType: 'text/calendar; charset=utf-8; method=REQUEST', contentBase64: Buffer.from(this.ics(event), 'utf8').toString('base64') }],
      },
      `coverage:${coverage.id}`,
    );
  }
}
