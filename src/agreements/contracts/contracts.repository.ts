import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AgreementDeliverable } from './agreement-deliverable.entity';
import { AgreementDelivery } from './agreement-delivery.entity';
import { AgreementDocument } from './agreement-document.entity';
import { AgreementPayment } from './agreement-payment.entity';
import { COMMITTING } from './agreement-status';
import { BudgetLine } from './budget-line.entity';
import { MediaAgreement } from './media-agreement.entity';

export interface AgreementRow {
  id: number;
  year: number;
  status: string;
  outletId: number;
  outletName: string;
  supplierName: string;
  contractNumber: string | null;
  total: number;
  paid: number;
  startsOn: string;
  endsOn: string;
  units: number;
  delivered: number;
}

export interface BudgetLineRow {
  id: number;
  year: number;
  code: string;
  name: string;
  assigned: number;
  modified: number | null;
  committed: number;
  exercised: number;
}

/** Every query of media agreements and the social-communication budget. */
@Injectable()
export class ContractsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  async list(filter: { year?: number; status?: string }, manager?: EntityManager): Promise<AgreementRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.year) where.push(`a.year = $${params.push(filter.year)}`);
    if (filter.status) where.push(`a.status = $${params.push(filter.status)}`);
    const rows: AgreementRow[] = await this.m(manager).query(
      `SELECT a.id, a.year, a.status, a.outlet_id AS "outletId", o.name AS "outletName", a.supplier_name AS "supplierName",
              a.contract_number AS "contractNumber", a.total::float8 AS total,
              COALESCE((SELECT sum(p.amount) FROM agreement_payments p WHERE p.agreement_id = a.id), 0)::float8 AS paid,
              to_char(a.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(a.ends_on, 'YYYY-MM-DD') AS "endsOn",
              COALESCE((SELECT sum(d.quantity) FROM agreement_deliverables d WHERE d.agreement_id = a.id), 0)::int AS units,
              COALESCE((SELECT sum(v.quantity) FROM agreement_deliveries v WHERE v.agreement_id = a.id AND (v.document_id IS NOT NULL OR v.clipping_id IS NOT NULL)), 0)::int AS delivered
         FROM media_agreements a JOIN media_outlets o ON o.id = a.outlet_id
        ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
        ORDER BY a.year DESC, a.id DESC LIMIT 500`,
      params,
    );
    return rows;
  }

  /** The few facts of an outlet an agreement needs (the directory's table, read inside our transaction). */
  async outletBrief(id: number, manager?: EntityManager): Promise<{ id: number; name: string; type: string; reach: number | null } | null> {
    const [row] = await this.m(manager).query('SELECT id, name, type, reach FROM media_outlets WHERE id = $1', [id]);
    return row ?? null;
  }

  find(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(MediaAgreement, { where: { id } });
  }
  /** Locks the agreement's row for the rest of the transaction (two people moving it at once). */
  findForUpdate(id: number, manager: EntityManager) {
    return manager.createQueryBuilder(MediaAgreement, 'a').setLock('pessimistic_write').where('a.id = :id', { id }).getOne();
  }
  findByContractNumber(n: string, manager?: EntityManager) {
    return this.m(manager).createQueryBuilder(MediaAgreement, 'a').where('lower(a.contract_number) = lower(:n)', { n }).getOne();
  }
  save(a: Partial<MediaAgreement>, manager?: EntityManager) {
    return this.m(manager).save(MediaAgreement, a);
  }

  deliverables(agreementId: number, manager?: EntityManager) {
    return this.m(manager).find(AgreementDeliverable, { where: { agreementId }, order: { id: 'ASC' } });
  }
  findDeliverable(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(AgreementDeliverable, { where: { id } });
  }
  saveDeliverable(d: Partial<AgreementDeliverable>, manager: EntityManager) {
    return manager.save(AgreementDeliverable, d);
  }
  async deleteDeliverable(id: number, manager: EntityManager) {
    await manager.delete(AgreementDeliverable, { id });
  }

  documents(agreementId: number, manager?: EntityManager) {
    return this.m(manager).find(AgreementDocument, { where: { agreementId }, order: { id: 'ASC' } });
  }
  findDocument(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(AgreementDocument, { where: { id } });
  }
  saveDocument(d: Partial<AgreementDocument>, manager: EntityManager) {
    return manager.save(AgreementDocument, d);
  }

  deliveries(agreementId: number, manager?: EntityManager): Promise<(AgreementDelivery & { description: string; documentName: string | null })[]> {
    return this.m(manager).query(
      `SELECT v.id, v.deliverable_id AS "deliverableId", v.quantity, to_char(v.delivered_on, 'YYYY-MM-DD') AS "deliveredOn", v.document_id AS "documentId",
              v.clipping_id AS "clippingId", v.notes, d.description, doc.original_name AS "documentName"
         FROM agreement_deliveries v JOIN agreement_deliverables d ON d.id = v.deliverable_id
         LEFT JOIN agreement_documents doc ON doc.id = v.document_id
        WHERE v.agreement_id = $1 ORDER BY v.delivered_on, v.id`,
      [agreementId],
    );
  }
  /** Units delivered with evidence, per deliverable. */
  async deliveredUnits(agreementId: number, manager?: EntityManager): Promise<Map<number, number>> {
    const rows: { deliverableId: number; n: number }[] = await this.m(manager).query(
      `SELECT deliverable_id AS "deliverableId", sum(quantity)::int AS n FROM agreement_deliveries
        WHERE agreement_id = $1 AND (document_id IS NOT NULL OR clipping_id IS NOT NULL) GROUP BY deliverable_id`,
      [agreementId],
    );
    return new Map(rows.map((r) => [r.deliverableId, r.n]));
  }
  saveDelivery(d: Partial<AgreementDelivery>, manager: EntityManager) {
    return manager.save(AgreementDelivery, d);
  }

  payments(agreementId: number, manager?: EntityManager): Promise<(AgreementPayment & { documentName: string | null })[]> {
    return this.m(manager).query(
      `SELECT p.id, p.invoice_number AS "invoiceNumber", to_char(p.invoice_date, 'YYYY-MM-DD') AS "invoiceDate", p.amount::float8 AS amount,
              to_char(p.paid_on, 'YYYY-MM-DD') AS "paidOn", p.document_id AS "documentId", p.notes, doc.original_name AS "documentName"
         FROM agreement_payments p LEFT JOIN agreement_documents doc ON doc.id = p.document_id
        WHERE p.agreement_id = $1 ORDER BY p.paid_on, p.id`,
      [agreementId],
    );
  }
  async paidTotal(agreementId: number, manager?: EntityManager): Promise<number> {
    const [{ n }] = await this.m(manager).query(`SELECT COALESCE(sum(amount), 0)::float8 AS n FROM agreement_payments WHERE agreement_id = $1`, [agreementId]);
    return n;
  }
  savePayment(p: Partial<AgreementPayment>, manager: EntityManager) {
    return manager.save(AgreementPayment, p);
  }

  // Budget
  lines(year: number, manager?: EntityManager): Promise<BudgetLineRow[]> {
    return this.m(manager).query(
      `SELECT l.id, l.year, l.code, l.name, l.assigned::float8 AS assigned, l.modified::float8 AS modified,
              COALESCE((SELECT sum(a.total) FROM media_agreements a WHERE a.budget_line_id = l.id AND a.status = ANY($2)), 0)::float8 AS committed,
              COALESCE((SELECT sum(p.amount) FROM agreement_payments p JOIN media_agreements a ON a.id = p.agreement_id WHERE a.budget_line_id = l.id), 0)::float8 AS exercised
         FROM budget_lines l WHERE l.year = $1 ORDER BY l.code`,
      [year, COMMITTING],
    );
  }
  lineOptions(manager?: EntityManager): Promise<{ id: number; year: number; code: string; name: string }[]> {
    return this.m(manager).query(`SELECT id, year, code, name FROM budget_lines ORDER BY year DESC, code`);
  }
  campaignOptions(manager?: EntityManager): Promise<{ id: number; year: number; name: string }[]> {
    return this.m(manager).query('SELECT id, year, name FROM campaigns ORDER BY year DESC, name');
  }
  findLine(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(BudgetLine, { where: { id } });
  }
  findLineByCode(year: number, code: string, manager?: EntityManager) {
    return this.m(manager).createQueryBuilder(BudgetLine, 'l').where('l.year = :year AND lower(l.code) = lower(:code)', { year, code }).getOne();
  }
  saveLine(l: Partial<BudgetLine>, manager: EntityManager) {
    return manager.save(BudgetLine, l);
  }
  /** What the line has committed, leaving one agreement out (the one being edited). */
  async committedOn(lineId: number, excludeAgreementId: number | null, manager?: EntityManager): Promise<{ committed: number; exercised: number }> {
    const [row] = await this.m(manager).query(
      `SELECT COALESCE((SELECT sum(a.total) FROM media_agreements a WHERE a.budget_line_id = $1 AND a.status = ANY($2) AND a.id <> $3), 0)::float8 AS committed,
              COALESCE((SELECT sum(p.amount) FROM agreement_payments p JOIN media_agreements a ON a.id = p.agreement_id WHERE a.budget_line_id = $1), 0)::float8 AS exercised`,
      [lineId, COMMITTING, excludeAgreementId ?? 0],
    );
    return row;
  }
}
