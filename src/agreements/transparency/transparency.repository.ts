import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ObligationPeriod } from './obligation-period.entity';
import { TransparencyColumn } from './transparency-column.entity';
import { TransparencyObligation } from './transparency-obligation.entity';

export interface SpendingRaw {
  id: number;
  requestingArea: string;
  serviceClassification: string;
  serviceType: string | null;
  outletType: string;
  campaignName: string | null;
  campaignYear: number | null;
  year: number;
  topic: string | null;
  objective: string | null;
  supplierName: string;
  supplierRfc: string;
  procedure: string;
  legalBasis: string | null;
  lineCode: string | null;
  lineName: string | null;
  assigned: number | null;
  modified: number | null;
  lineSpent: number | null;
  contractDate: string | null;
  contractNumber: string | null;
  object: string;
  total: number;
  paid: number;
  startsOn: string;
  endsOn: string;
  invoices: string | null;
}

/** Every query of the transparency exports and obligations. */
@Injectable()
export class TransparencyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  /** Signed, in-force and concluded agreements whose service period touches the quarter; paid amounts up to its last day. */
  spending(from: string, to: string, manager?: EntityManager): Promise<SpendingRaw[]> {
    return this.m(manager).query(
      `SELECT a.id, a.requesting_area AS "requestingArea", a.service_classification AS "serviceClassification", a.service_type AS "serviceType",
              o.type AS "outletType", c.name AS "campaignName", c.year AS "campaignYear", a.year, c.topic, c.objective,
              a.supplier_name AS "supplierName", a.supplier_rfc AS "supplierRfc", a.procedure, a.legal_basis AS "legalBasis",
              l.code AS "lineCode", l.name AS "lineName", l.assigned::float8 AS assigned, l.modified::float8 AS modified,
              CASE WHEN l.id IS NULL THEN NULL ELSE COALESCE((SELECT sum(p.amount) FROM agreement_payments p JOIN media_agreements x ON x.id = p.agreement_id
                                                             WHERE x.budget_line_id = l.id AND p.paid_on <= $2), 0)::float8 END AS "lineSpent",
              to_char(a.contract_date, 'YYYY-MM-DD') AS "contractDate", a.contract_number AS "contractNumber", a.object, a.total::float8 AS total,
              COALESCE((SELECT sum(p.amount) FROM agreement_payments p WHERE p.agreement_id = a.id AND p.paid_on <= $2), 0)::float8 AS paid,
              to_char(a.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(a.ends_on, 'YYYY-MM-DD') AS "endsOn",
              (SELECT string_agg(p.invoice_number, ', ' ORDER BY p.paid_on, p.id) FROM agreement_payments p WHERE p.agreement_id = a.id AND p.paid_on <= $2) AS invoices
         FROM media_agreements a
         JOIN media_outlets o ON o.id = a.outlet_id
         LEFT JOIN campaigns c ON c.id = a.campaign_id
         LEFT JOIN budget_lines l ON l.id = a.budget_line_id
        WHERE a.status IN ('signed', 'active', 'concluded') AND a.starts_on <= $2 AND a.ends_on >= $1
        ORDER BY a.contract_date NULLS LAST, a.id`,
      [from, to],
    );
  }

  columns(manager?: EntityManager) {
    return this.m(manager).find(TransparencyColumn, { order: { position: 'ASC' } });
  }
  async replaceColumns(rows: TransparencyColumn[], manager: EntityManager) {
    await manager.clear(TransparencyColumn);
    if (rows.length) await manager.insert(TransparencyColumn, rows);
  }

  obligations(manager?: EntityManager) {
    return this.m(manager).find(TransparencyObligation, { order: { id: 'ASC' } });
  }
  findObligation(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(TransparencyObligation, { where: { id } });
  }
  saveObligation(o: Partial<TransparencyObligation>, manager: EntityManager) {
    return manager.save(TransparencyObligation, o);
  }
  periods(manager?: EntityManager) {
    return this.m(manager).find(ObligationPeriod, { order: { dueOn: 'ASC' } });
  }

  /**
   * Claim the reminder of one due date: true for exactly one caller (several instances may run
   * the timer), false if it was already reminded or filed.
   */
  async claimReminder(obligationId: number, dueOn: string, manager: EntityManager): Promise<boolean> {
    const rows = await manager.query(
      `INSERT INTO transparency_obligation_periods (obligation_id, due_on, reminded_at) VALUES ($1, $2, now())
       ON CONFLICT (obligation_id, due_on) DO UPDATE SET reminded_at = now()
         WHERE transparency_obligation_periods.reminded_at IS NULL AND transparency_obligation_periods.filed_at IS NULL
       RETURNING id`,
      [obligationId, dueOn],
    );
    return rows.length > 0;
  }

  async markFiled(obligationId: number, dueOn: string, by: string, manager: EntityManager) {
    await manager.query(
      `INSERT INTO transparency_obligation_periods (obligation_id, due_on, filed_at, filed_by) VALUES ($1, $2, now(), $3)
       ON CONFLICT (obligation_id, due_on) DO UPDATE SET filed_at = now(), filed_by = $3`,
      [obligationId, dueOn, by],
    );
  }
}
