import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CaseStatus } from '../cases/case-status';
import { Open311Request } from './open311-request.entity';

export interface RequestRow {
  id: number;
  folio: string;
  status: CaseStatus;
  type: string;
  description: string;
  categoryId: number;
  categoryName: string;
  deadlineDays: number;
  departmentName: string | null;
  createdAt: Date;
  updatedAt: Date;
  dueDate: string;
  locality: string;
  neighborhood: string | null;
  street: string | null;
  latitude: number | null;
  longitude: number | null;
  addressId: string | null;
  mediaUrl: string | null;
  statusNotes: string | null;
  /** The key that filed it (null: filed on another channel). */
  apiKeyId: number | null;
  publicText: string | null;
  publicStreet: string | null;
  publicLatitude: number | null;
  publicLongitude: number | null;
}

export interface UpdateRow {
  id: string;
  caseId: number;
  folio: string;
  kind: string;
  body: string | null;
  status: CaseStatus;
  createdAt: Date;
}

export interface RequestFilter {
  folios?: string[];
  categoryIds?: number[];
  from?: Date;
  to?: Date;
  statuses?: readonly CaseStatus[];
}

/** The public events that make a request's history: status changes and public replies. */
const UPDATE_KINDS = `('status', 'public_reply', 'reopened', 'duplicate')`;

/**
 * Who may read a request: anyone when its category is public (and not sensitive), otherwise
 * only the key that filed it. `$1` is the reading key's id (null without a key).
 */
const VISIBLE = `((cat.published AND NOT cat.sensitive) OR o.api_key_id = $1)`;

/** Every query of the Open311 API. Contact data is never selected. */
@Injectable()
export class Open311Repository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  async requests(f: RequestFilter, limit: number, offset: number, keyId: number | null): Promise<RequestRow[]> {
    const params: unknown[] = [keyId];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const w: string[] = [VISIBLE];
    if (f.folios) w.push(`c.folio = ANY(${p(f.folios)}::text[])`);
    if (f.categoryIds) w.push(`c.category_id = ANY(${p(f.categoryIds)}::int[])`);
    if (f.from) w.push(`c.created_at >= ${p(f.from)}`);
    if (f.to) w.push(`c.created_at <= ${p(f.to)}`);
    if (f.statuses) w.push(`c.status = ANY(${p(f.statuses)}::text[])`);
    return this.dataSource.query(
      `SELECT c.id, c.folio, c.status, c.type, c.description, c.category_id AS "categoryId", cat.name AS "categoryName", cat.deadline_days AS "deadlineDays",
              d.name AS "departmentName", c.created_at AS "createdAt", c.updated_at AS "updatedAt", to_char(c.due_date, 'YYYY-MM-DD') AS "dueDate",
              c.locality, c.neighborhood, c.street, c.latitude, c.longitude, o.address_id AS "addressId", o.media_url AS "mediaUrl", o.api_key_id AS "apiKeyId",
              c.public_text AS "publicText", c.public_street AS "publicStreet", c.public_latitude AS "publicLatitude", c.public_longitude AS "publicLongitude",
              CASE WHEN o.api_key_id = $1 THEN
                (SELECT e.body FROM case_events e WHERE e.case_id = c.id AND e.public AND e.kind IN ('public_reply', 'status') AND e.body IS NOT NULL ORDER BY e.id DESC LIMIT 1) END AS "statusNotes"
         FROM cases c JOIN categories cat ON cat.id = c.category_id
         LEFT JOIN departments d ON d.id = c.department_id
         LEFT JOIN open311_requests o ON o.case_id = c.id
        WHERE ${w.join(' AND ')}
        ORDER BY c.created_at DESC, c.id DESC
        LIMIT ${p(limit)} OFFSET ${p(offset)}`,
      params,
    );
  }

  /**
   * Public updates (status changes, public replies), each with the case's status after it:
   * of some cases, or of every case within a time span.
   */
  async updates(f: { caseIds?: number[]; folios?: string[]; from?: Date; to?: Date }, limit: number, offset: number, keyId: number | null): Promise<UpdateRow[]> {
    const params: unknown[] = [keyId];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const w = [`e.public`, `e.kind IN ${UPDATE_KINDS}`, VISIBLE];
    if (f.caseIds) w.push(`e.case_id = ANY(${p(f.caseIds)}::int[])`);
    if (f.folios) w.push(`c.folio = ANY(${p(f.folios)}::text[])`);
    if (f.from) w.push(`e.created_at >= ${p(f.from)}`);
    if (f.to) w.push(`e.created_at <= ${p(f.to)}`);
    return this.dataSource.query(
      `SELECT e.id::text AS id, e.case_id AS "caseId", c.folio, e.kind, CASE WHEN o.api_key_id = $1 THEN e.body END AS body, e.created_at AS "createdAt",
              CASE WHEN e.kind = 'duplicate' THEN 'duplicate'
                   ELSE coalesce(e.data->>'to',
                                 (SELECT p.data->>'to' FROM case_events p WHERE p.case_id = e.case_id AND p.id < e.id AND p.data ? 'to' ORDER BY p.id DESC LIMIT 1),
                                 'received') END AS status
         FROM case_events e JOIN cases c ON c.id = e.case_id JOIN categories cat ON cat.id = c.category_id
         LEFT JOIN open311_requests o ON o.case_id = c.id
        WHERE ${w.join(' AND ')}
        ORDER BY e.created_at, e.id
        LIMIT ${p(limit)} OFFSET ${p(offset)}`,
      params,
    );
  }

  findByToken(token: string) {
    return this.dataSource.query(`SELECT c.folio FROM open311_requests o JOIN cases c ON c.id = o.case_id WHERE o.token = $1`, [token]) as Promise<{ folio: string }[]>;
  }

  saveRequest(fields: Partial<Open311Request>, m: EntityManager) {
    return m.save(Open311Request, m.create(Open311Request, fields));
  }

  requestOf(caseId: number, manager?: EntityManager) {
    return this.m(manager).findOne(Open311Request, { where: { caseId } });
  }

  /**
   * Anonymisation: the client's own ids for the person's requests (device, account) are
   * forgotten, and so is any public text staff approved (only the category's name stays public).
   */
  async forgetClientIds(manager: EntityManager, caseIds: number[]): Promise<void> {
    await manager.query(`UPDATE open311_requests SET device_id = NULL, account_id = NULL WHERE case_id = ANY($1::int[])`, [caseIds]);
    await manager.query(`UPDATE cases SET public_text = NULL WHERE id = ANY($1::int[]) AND public_text IS NOT NULL`, [caseIds]);
  }
}
