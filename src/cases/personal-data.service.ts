import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { PersonalDataErasers } from '../common/personal-data-erasers';
import { AttachmentsService } from './attachments';
import { CasesRepository } from './cases.repository';

const ERASED = '[dato eliminado a petición del titular]';

export interface PersonQuery {
  email: string | null;
  phone: string | null;
}

export function personQuery(email: unknown, phone: unknown): PersonQuery {
  const e = typeof email === 'string' && /^[^\s@]+@[^\s@]+$/.test(email.trim()) ? email.trim().toLowerCase().slice(0, 254) : null;
  const digits = typeof phone === 'string' ? phone.replace(/\D/g, '') : '';
  return { email: e, phone: digits.length >= 7 ? digits.slice(0, 20) : null };
}

/**
 * Data-subject rights (derechos ARCO) over cases: everything held about one person, as
 * a file, and its anonymization on request. The case stays; the personal data goes. Both
 * acts are audited (with the folios touched, not the person's data).
 */
@Injectable()
export class PersonalDataService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: CasesRepository,
    private readonly attachments: AttachmentsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly erasers: PersonalDataErasers,
  ) {}

  find(q: PersonQuery) {
    return this.repo.findByPerson(q.email, q.phone);
  }

  async export(q: PersonQuery, actor: Actor): Promise<Record<string, unknown>> {
    return this.dataSource.transaction(async (m) => {
      const cases = await this.repo.findByPerson(q.email, q.phone, m);
      const out = [];
      for (const c of cases) {
        const detail = (await this.repo.detail(c.folio, m))!;
        const events = await this.repo.events(c.id, true, m);
        const files = await this.repo.attachments(c.id, m);
        out.push({
          folio: c.folio, presentada: c.createdAt, tipo: c.type, tema: detail.categoryName, dependencia: detail.departmentName, estado: c.status, canal: c.channel,
          descripcion: c.description, lugar: { localidad: c.locality, colonia: c.neighborhood, calle: c.street, referencia: c.reference, latitud: c.latitude, longitud: c.longitude },
          contacto: { nombre: c.contactName, correo: c.contactEmail, telefono: c.contactPhone },
          consentimiento: { fecha: c.consentAt, version_aviso: c.consentVersion },
          encuesta: c.satisfactionScore == null ? null : { calificacion: c.satisfactionScore, comentario: c.satisfactionComment },
          historial_publico: events.map((e) => ({ fecha: e.createdAt, tipo: e.kind, texto: e.body, datos: e.data })),
          archivos: files.map((f) => ({ nombre: f.filename, tipo: f.contentType, bytes: f.size, fecha: f.createdAt })),
        });
      }
      await this.audit.record(actor, { action: 'personal_data.export', entityType: 'person', entityId: null, details: { by: q.email ? (q.phone ? 'email+phone' : 'email') : 'phone', folios: cases.map((c) => c.folio) } }, m);
      return { generado: this.clock.now().toISOString(), titular: { correo: q.email, telefono: q.phone }, solicitudes: out };
    });
  }

  /**
   * Rectification (ARCO): the person's contact data corrected in every case that holds it.
   * Audited with the folios and the fields changed, never the data.
   */
  async rectify(q: PersonQuery, fix: { name?: string; email?: string; phone?: string }, actor: Actor): Promise<string[]> {
    return this.dataSource.transaction(async (m) => {
      const cases = await this.repo.findByPerson(q.email, q.phone, m);
      const changes: Partial<Record<'contactName' | 'contactEmail' | 'contactPhone', string>> = {};
      if (fix.name) changes.contactName = fix.name;
      if (fix.email) changes.contactEmail = fix.email;
      if (fix.phone) changes.contactPhone = fix.phone;
      for (const c of cases) await this.repo.update(c.id, changes, m);
      await this.audit.record(actor, { action: 'personal_data.rectify', entityType: 'person', entityId: null, details: { by: q.email ? (q.phone ? 'email+phone' : 'email') : 'phone', folios: cases.map((c) => c.folio), fields: Object.keys(changes) } }, m);
      return cases.map((c) => c.folio);
    });
  }

  /**
   * Opposition (ARCO): the person does not want to be written to about their cases. The cases
   * go on; no email about them reaches the person any more. Audited.
   */
  async oppose(q: PersonQuery, actor: Actor): Promise<string[]> {
    return this.dataSource.transaction(async (m) => {
      const cases = await this.repo.findByPerson(q.email, q.phone, m);
      for (const c of cases) if (!c.contactOptOutAt) await this.repo.update(c.id, { contactOptOutAt: this.clock.now() }, m);
      await this.audit.record(actor, { action: 'personal_data.oppose', entityType: 'person', entityId: null, details: { by: q.email ? (q.phone ? 'email+phone' : 'email') : 'phone', folios: cases.map((c) => c.folio), purpose: 'email' } }, m);
      return cases.map((c) => c.folio);
    });
  }

  /**
   * Remove the person's data from every case that holds it, and from what other modules copied
   * of it (PersonalDataErasers); returns the folios touched.
   */
  async anonymize(q: PersonQuery, actor: Actor): Promise<string[]> {
    const originals: string[] = [];
    const folios = await this.dataSource.transaction(async (m) => {
      const cases = await this.repo.findByPerson(q.email, q.phone, m);
      for (const c of cases) {
        // The case stays (category, locality, dates, the office's work); what the person wrote and where exactly goes.
        await this.repo.update(c.id, {
          contactName: null, contactEmail: null, contactPhone: null, satisfactionComment: null, anonymizedAt: this.clock.now(),
          description: ERASED, answers: [], street: null, neighborhood: null, reference: null, latitude: null, longitude: null,
        }, m);
        await this.repo.anonymizeEvents(c.id, m);
        // The photos as received may carry GPS and camera data: only the cleaned copies stay.
        for (const f of await this.repo.attachments(c.id, m)) if (f.originalKey) originals.push(f.originalKey);
        await this.repo.dropOriginals(c.id, m);
        await this.repo.addEvent({ caseId: c.id, kind: 'anonymized', public: false, body: null, data: {}, actorId: actor.userId, actorLabel: actor.label.slice(0, 150) }, m);
      }
      // What other modules copied of the person: the outbox's emails, the official mailbox, Open311's client ids.
      const erased = await this.erasers.erase(m, { email: q.email, phone: q.phone, caseIds: cases.map((c) => c.id), folios: cases.map((c) => c.folio) });
      originals.push(...erased.files);
      await this.audit.record(actor, { action: 'personal_data.anonymize', entityType: 'person', entityId: null, details: { by: q.email ? (q.phone ? 'email+phone' : 'email') : 'phone', folios: cases.map((c) => c.folio), erasedIn: erased.erasedBy } }, m);
      return cases.map((c) => c.folio);
    });
    await this.attachments.remove(originals);
    return folios;
  }
}
