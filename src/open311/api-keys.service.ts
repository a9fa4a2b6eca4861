import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { ApiKeyUse } from './api-key-use.entity';
import { ApiKey } from './api-key.entity';
import { apiKeyMatches, hashApiKey, newApiKey, prefixOf } from './api-keys';
import { Open311Error } from './open311-format';

export interface ApiKeyRow {
  id: number;
  clientName: string;
  contactEmail: string | null;
  prefix: string;
  rateLimitPerMinute: number;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdByName: string | null;
  uses: number;
}

/** API keys: created for a named client and shown once, stored hashed, revocable, rate-limited, every use logged. */
@Injectable()
export class ApiKeysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  list(): Promise<ApiKeyRow[]> {
    return this.dataSource.query(
      `SELECT k.id, k.client_name AS "clientName", k.contact_email AS "contactEmail", k.prefix, k.rate_limit_per_minute AS "rateLimitPerMinute",
              k.created_at AS "createdAt", k.last_used_at AS "lastUsedAt", k.revoked_at AS "revokedAt", u.name AS "createdByName",
              (SELECT count(*)::int FROM api_key_uses x WHERE x.api_key_id = k.id) AS uses
         FROM api_keys k LEFT JOIN users u ON u.id = k.created_by_id
        ORDER BY k.revoked_at IS NOT NULL, k.client_name, k.id`,
    );
  }

  async get(id: number): Promise<ApiKey> {
    const k = await this.dataSource.manager.findOne(ApiKey, { where: { id } });
    if (!k) throw new NotFoundException();
    return k;
  }

  uses(id: number, limit = 100): Promise<ApiKeyUse[]> {
    return this.dataSource.manager.find(ApiKeyUse, { where: { apiKeyId: id }, order: { id: 'DESC' }, take: limit });
  }

  /**
   * Create a key; the plain value is returned once and never stored. `plain` lets the demo
   * data use a value printed in the README (it is hashed like any other).
   */
  async create(input: { clientName: string; contactEmail?: string; rateLimitPerMinute: number; mayUpdateAny?: boolean }, actor: Actor, manager?: EntityManager, plain?: string): Promise<{ key: ApiKey; plain: string }> {
    const made = plain ? { plain, prefix: prefixOf(plain)!, hash: hashApiKey(plain) } : newApiKey();
    if (!made.prefix) throw new Error('Invalid API key format');
    const run = async (m: EntityManager) => {
      const key = await m.save(ApiKey, m.create(ApiKey, { clientName: input.clientName, contactEmail: input.contactEmail ?? null, prefix: made.prefix, keyHash: made.hash, rateLimitPerMinute: input.rateLimitPerMinute, mayUpdateAny: !!input.mayUpdateAny, createdById: actor.userId }));
      await this.audit.record(actor, { action: 'api_key.create', entityType: 'api_key', entityId: key.id, details: { clientName: key.clientName, prefix: key.prefix, rateLimitPerMinute: key.rateLimitPerMinute, mayUpdateAny: key.mayUpdateAny } }, m);
      return { key, plain: made.plain };
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /** Let a key add updates to any request, or only to its own (the default). */
  async setMayUpdateAny(id: number, value: boolean, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const k = await m.findOne(ApiKey, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!k) throw new NotFoundException();
      if (k.mayUpdateAny === value) return;
      await m.update(ApiKey, { id }, { mayUpdateAny: value });
      await this.audit.record(actor, { action: 'api_key.may_update_any', entityType: 'api_key', entityId: id, details: { clientName: k.clientName, from: k.mayUpdateAny, to: value } }, m);
    });
  }

  async revoke(id: number, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const k = await m.findOne(ApiKey, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!k) throw new NotFoundException();
      if (k.revokedAt) return;
      await m.update(ApiKey, { id }, { revokedAt: this.clock.now() });
      await this.audit.record(actor, { action: 'api_key.revoke', entityType: 'api_key', entityId: id, details: { clientName: k.clientName, prefix: k.prefix } }, m);
    });
  }

  /**
   * The key of a call: 403 when missing or not valid (unknown, revoked), 429 past its rate
   * limit. Every call with a valid key is logged (also the ones refused for the rate); the
   * answer's status is written when it has left (`finish`).
   */
  async authenticate(plain: string | undefined, call: { method: string; path: string; ip: string | null }): Promise<{ key: ApiKey; useId: string }> {
    if (!plain) throw Open311Error.of(403, 'api_key is required: ask the town hall for one.');
    const prefix = prefixOf(plain);
    const key = prefix ? await this.dataSource.manager.findOne(ApiKey, { where: { prefix, revokedAt: IsNull() } }) : null;
    if (!key || !apiKeyMatches(plain, key.keyHash)) throw Open311Error.of(403, 'Invalid api_key received -- cannot proceed.');
    const now = this.clock.now();
    const [{ n }] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM api_key_uses WHERE api_key_id = $1 AND at > $2`, [key.id, new Date(now.getTime() - 60_000)])) as { n: number }[];
    const limited = n >= key.rateLimitPerMinute;
    const use = await this.dataSource.manager.save(ApiKeyUse, { apiKeyId: key.id, at: now, method: call.method.slice(0, 8), path: call.path.slice(0, 300), status: limited ? 429 : null, ip: call.ip?.slice(0, 64) ?? null });
    await this.dataSource.manager.update(ApiKey, { id: key.id }, { lastUsedAt: now });
    if (limited) throw Open311Error.of(429, `Rate limit of ${key.rateLimitPerMinute} calls a minute reached for this api_key; try again in a minute.`);
    return { key, useId: use.id };
  }

  async finishUse(useId: string, status: number): Promise<void> {
    await this.dataSource.manager.update(ApiKeyUse, { id: useId }, { status });
  }
}
