import { createHash, randomBytes } from 'node:crypto';
import { Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { FieldError } from '../common/forms';
import { PublicationGate } from '../common/publication-gate';
import { UserFacingError } from '../common/http-exception.filter';
import { MediaDirectoryService } from '../media-relations/media-directory.service';
import { OutboxService } from '../notifications/outbox.service';
import { PressReleasesRepository } from './press-releases.repository';
import { PressReleasesService } from './press-releases.service';
import { releaseEmail } from './release-render';

/** The "recibido" link's secret; only its sha256 is stored (like invitations and calendar feeds). */
const newToken = () => randomBytes(24).toString('base64url');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
import { decide } from './release-status';

const REFERENCE = /^release:(\d+):delivery:(\d+)$/;

/** Sending an approved release to media contacts through the outbox, and tracking each delivery. */
@Injectable()
export class DistributionService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly releases: PressReleasesService,
    private readonly repo: PressReleasesRepository,
    private readonly directory: MediaDirectoryService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly gate: PublicationGate,
  ) {}

  onModuleInit() {
    this.outbox.onOutcome(async (entry, outcome) => {
      const m = entry.kind === 'email' ? REFERENCE.exec(entry.reference ?? '') : null;
      if (m) await this.recordOutcome(Number(m[1]), Number(m[2]), outcome);
    });
  }

  /**
   * Send to the members of `listIds` and to `contactIds` (never to "no contactar", never twice
   * to the same contact). An approved release becomes "enviado" in the same transaction; a
   * draft, one in review or one under embargo is refused and nothing is written.
   */
  async send(releaseId: number, selection: { listIds: number[]; contactIds: number[]; exception?: string | null; exceptionReason?: string | null }, actor: Actor): Promise<{ queued: number; skipped: number }> {
    return this.dataSource.transaction(async (m) => {
      // One sending at a time per release: two clicks never queue the same contact twice.
      if (!(await this.repo.lockForSending(releaseId, m))) throw new NotFoundException();
      let release = await this.releases.get(releaseId, m);
      if (!selection.listIds.length && !selection.contactIds.length) throw new FieldError('recipients', 'distribution.validation.choose');
      // During an electoral blackout, sending needs a legal exception (audited); see PublicationGate.
      // Asked first: sending also publishes in the newsroom, which asks the gate in its turn.
      if (['approved', 'sent', 'published'].includes(release.status)) {
        await this.gate.check(m, { act: 'send_release', at: this.clock.now(), actor, entityType: 'press_release', entityId: releaseId, exception: selection.exception, reason: selection.exceptionReason });
      }
      if (release.status === 'approved') {
        release = await this.releases.act(releaseId, { action: 'send', exception: selection.exception ?? undefined, exceptionReason: selection.exceptionReason ?? undefined }, actor, m, { sentStepLater: true });
      } else if (release.status === 'sent' || release.status === 'published') {
        const d = decide('approved', 'send', { role: actor.role ?? '', hasComment: false, embargoPassed: this.releases.embargoPassed(release) });
        if (!d.ok) throw new UserFacingError(d.reason === 'releases.rule.embargoed' ? 409 : 403, d.reason);
      } else {
        throw new UserFacingError(409, 'distribution.rule.not_approved');
      }
      const recipients = await this.directory.listRecipients(m, selection);
      if (!recipients.length) throw new FieldError('recipients', 'distribution.validation.nobody');
      const already = await this.repo.deliveredContactIds(releaseId, m);
      const doc = await this.releases.document(release, 'public', m);
      let queued = 0;
      for (const rc of recipients) {
        if (already.has(rc.id)) continue;
        const token = newToken();
        const delivery = await this.repo.saveDelivery({ releaseId, contactId: rc.id, name: rc.name.slice(0, 150), email: rc.email, outletName: rc.outletName?.slice(0, 200) ?? null, status: 'queued', tokenHash: sha256(token) }, m);
        const mail = releaseEmail(doc, { confirmUrl: this.releases.absolute(`/recibido/${token}`) });
        delivery.outboxId = await this.outbox.enqueueEmail(m, { to: rc.email, subject: mail.subject, text: mail.text, html: mail.html, headers: { 'X-Cabildo-Release': String(releaseId) }, secrets: [token] }, `release:${releaseId}:delivery:${delivery.id}`);
        await this.repo.saveDelivery(delivery, m);
        queued++;
      }
      await this.audit.record(actor, { action: 'release.distribute', entityType: 'press_release', entityId: releaseId, details: { listIds: selection.listIds, contactIds: selection.contactIds, queued, skipped: recipients.length - queued } }, m);
      return { queued, skipped: recipients.length - queued };
    });
  }

  private async recordOutcome(releaseId: number, deliveryId: number, outcome: { ok: boolean; final: boolean; result?: Record<string, unknown>; error?: string }) {
    await this.dataSource.transaction(async (m) => {
      const d = await this.repo.lockDelivery(deliveryId, releaseId, m);
      if (!d) return;
      if (outcome.ok) {
        d.messageId = String(outcome.result?.messageId ?? '').slice(0, 300) || null;
        d.sentAt = this.clock.now();
        d.serverResponse = null;
        if (d.status !== 'confirmed') d.status = 'sent';
      } else if (outcome.final) {
        if (d.status !== 'confirmed') d.status = 'failed';
        d.serverResponse = outcome.error ?? null;
      } else {
        d.serverResponse = outcome.error ?? null;
      }
      await this.repo.saveDelivery(d, m);
      const system = { userId: null, label: 'sistema (envío de comunicados)', ip: null };
      // The first email that really left ticks "enviar" (not the click: the mail may wait).
      if (outcome.ok && (await this.repo.countDeliveries(releaseId, ['sent', 'confirmed'], m)) === 1) await this.releases.notifyStep('sent', releaseId, m, system);
      const pending = await this.repo.countDeliveries(releaseId, ['queued', 'failed'], m);
      if (outcome.ok && pending === 0) await this.releases.notifyStep('delivered', releaseId, m, { userId: null, label: 'sistema (envío de comunicados)', ip: null });
    });
  }

  async board(releaseId: number) {
    const deliveries = await this.repo.deliveries(releaseId);
    const counts = { queued: 0, sent: 0, failed: 0, confirmed: 0 } as Record<string, number>;
    for (const d of deliveries) counts[d.status]++;
    const contacts = new Map((await this.directory.contacts({})).map((c) => [c.id, c]));
    const rows = deliveries.map((d) => ({ ...d, phones: d.contactId ? contacts.get(d.contactId)?.phones ?? null : null }));
    return {
      rows,
      counts,
      total: deliveries.length,
      allSent: deliveries.length > 0 && counts.queued === 0 && counts.failed === 0,
      toCall: rows.filter((d) => d.status === 'sent'),
    };
  }

  async byToken(token: string) {
    if (!/^[A-Za-z0-9_-]{32}$/.test(token)) throw new NotFoundException();
    const d = await this.repo.deliveryByTokenHash(sha256(token));
    if (!d) throw new NotFoundException();
    return d;
  }

  /** The journalist's "recibido". Repeating it changes nothing. */
  async confirmByLink(token: string) {
    const d = await this.byToken(token);
    await this.dataSource.transaction(async (m) => {
      const row = await this.repo.lockDelivery(d.id, null, m);
      if (!row || row.status === 'confirmed') return;
      Object.assign(row, { status: 'confirmed', confirmedAt: this.clock.now(), confirmedVia: 'link' });
      await this.repo.saveDelivery(row, m);
      await this.audit.record({ userId: null, label: `${row.email} (enlace recibido)`, ip: null }, { action: 'release.delivery_confirmed', entityType: 'press_release', entityId: row.releaseId, details: { deliveryId: row.id, via: 'link' } }, m);
    });
    return d;
  }

  async confirmByPhone(releaseId: number, deliveryId: number, note: string | undefined, actor: Actor) {
    await this.dataSource.transaction(async (m) => {
      const row = await this.repo.lockDelivery(deliveryId, releaseId, m);
      if (!row) throw new NotFoundException();
      if (row.status === 'confirmed') return;
      if (row.status !== 'sent') throw new UserFacingError(409, 'distribution.rule.not_sent');
      Object.assign(row, { status: 'confirmed', confirmedAt: this.clock.now(), confirmedVia: 'phone', confirmationNote: note?.trim().slice(0, 500) || null });
      await this.repo.saveDelivery(row, m);
      await this.audit.record(actor, { action: 'release.delivery_confirmed', entityType: 'press_release', entityId: releaseId, details: { deliveryId, via: 'phone', note: row.confirmationNote } }, m);
    });
  }

  /** A failed delivery tried again (e.g. after the contact's address was corrected it is a new one). */
  async retry(releaseId: number, deliveryId: number, actor: Actor) {
    await this.dataSource.transaction(async (m) => {
      const row = await this.repo.lockDelivery(deliveryId, releaseId, m);
      if (!row) throw new NotFoundException();
      if (row.status !== 'failed') throw new UserFacingError(409, 'distribution.rule.not_failed');
      // The contact's address as it is now (it may have been corrected), and never to "no contactar".
      if (row.contactId) {
        const [current] = await this.directory.listRecipients(m, { contactIds: [row.contactId] });
        if (!current) throw new UserFacingError(409, 'distribution.rule.unreachable');
        row.email = current.email;
        row.name = current.name.slice(0, 150);
      }
      const release = await this.releases.get(releaseId, m);
      // Only the hash of the first link is kept: the new email carries a new link (the failed one never arrived).
      const token = newToken();
      row.tokenHash = sha256(token);
      const mail = releaseEmail(await this.releases.document(release, 'public', m), { confirmUrl: this.releases.absolute(`/recibido/${token}`) });
      row.outboxId = await this.outbox.enqueueEmail(m, { to: row.email, subject: mail.subject, text: mail.text, html: mail.html, headers: { 'X-Cabildo-Release': String(releaseId) }, secrets: [token] }, `release:${releaseId}:delivery:${row.id}`);
      row.status = 'queued';
      await this.repo.saveDelivery(row, m);
      await this.audit.record(actor, { action: 'release.delivery_retry', entityType: 'press_release', entityId: releaseId, details: { deliveryId } }, m);
    });
  }

  lists() {
    return this.directory.lists();
  }

  contacts() {
    return this.directory.contacts({});
  }
}
