import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NextFunction, Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { Pool } from 'pg';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { JobsRepository, JobState } from '../jobs/jobs.repository';
import { HealthRepository, MailboxState, OutboxStats } from './health.repository';

interface Snapshot {
  outbox: OutboxStats | null;
  mailbox: MailboxState | null;
  jobs: JobState[];
}

/** Route pattern of an answered request (`/casos/:folio`), never the raw path: one time series per route, not per case. */
function routeOf(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${req.baseUrl ?? ''}${route.path}` || '/';
  if (req.originalUrl.startsWith('/static/')) return '/static';
  return 'unmatched';
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Prometheus metrics (prom-client), one registry per app: request latency by route pattern,
 * the outbox (depth by status, oldest due, failed attempts), the mailbox's last sync, each
 * scheduled job, the database pool, and the process (memory, CPU, event loop: prom-client's
 * defaults). Served at /metrics with `Authorization: Bearer METRICS_TOKEN`, and/or without a
 * token on METRICS_PORT (bound to METRICS_HOST, loopback by default). Neither set: no metrics.
 */
@Injectable()
export class Metrics implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  readonly registry = new Registry();
  private readonly latency: Histogram<'method' | 'route' | 'status_code'>;
  private server?: Server;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly health: HealthRepository,
    private readonly jobs: JobsRepository,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.latency = new Histogram({
      name: 'cabildo_http_request_duration_seconds',
      help: 'Tiempo de respuesta HTTP por ruta (patrón), método y estado',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    // Every database-backed gauge reads one snapshot per scrape (prom-client collects the metrics concurrently).
    const self = this;
    const gauge = (name: string, help: string, labelNames: string[], fill: (g: Gauge, s: Snapshot) => void) =>
      new Gauge({
        name,
        help,
        labelNames,
        registers,
        collect: async function (this: Gauge) {
          fill(this, await self.snapshot());
        },
      });
    gauge('cabildo_outbox_messages', 'Mensajes del outbox por estado', ['status'], (g, s) => {
      g.reset();
      for (const [status, n] of Object.entries(s.outbox?.byStatus ?? {})) g.set({ status }, n);
    });
    gauge('cabildo_outbox_due_messages', 'Mensajes pendientes cuya hora de envío ya pasó', [], (g, s) => s.outbox && g.set(s.outbox.due));
    gauge('cabildo_outbox_oldest_due_seconds', 'Segundos que lleva esperando el mensaje pendiente más antiguo', [], (g, s) => s.outbox && g.set(s.outbox.oldestDueSeconds));
    gauge('cabildo_outbox_failed_attempts_last_hour', 'Intentos de entrega fallidos en la última hora', [], (g, s) => s.outbox && g.set(s.outbox.failedAttemptsLastHour));
    if (config.IMAP_HOST) {
      gauge('cabildo_mailbox_last_success_timestamp_seconds', 'Última lectura exitosa del buzón oficial (segundos Unix; 0 si nunca)', [], (g, s) => s.outbox && g.set(s.mailbox?.lastSuccessAt ? new Date(s.mailbox.lastSuccessAt).getTime() / 1000 : 0));
      gauge('cabildo_mailbox_consecutive_failures', 'Lecturas del buzón fallidas seguidas', [], (g, s) => s.outbox && g.set(s.mailbox?.failures ?? 0));
    }
    gauge('cabildo_job_last_success_timestamp_seconds', 'Última corrida exitosa de cada trabajo periódico (segundos Unix)', ['job'], (g, s) => {
      for (const j of s.jobs) g.set({ job: j.name }, j.lastSuccessAt ? new Date(j.lastSuccessAt).getTime() / 1000 : 0);
    });
    gauge('cabildo_job_consecutive_failures', 'Corridas fallidas seguidas de cada trabajo periódico', ['job'], (g, s) => {
      for (const j of s.jobs) g.set({ job: j.name }, j.failures);
    });
    gauge('cabildo_database_up', '1 si PostgreSQL respondió a esta medición', [], (g, s) => g.set(s.outbox ? 1 : 0));
    new Gauge({
      name: 'cabildo_db_pool_connections',
      help: 'Conexiones del pool a PostgreSQL de esta instancia',
      labelNames: ['state'],
      registers,
      collect: function (this: Gauge) {
        const p = (dataSource.driver as unknown as { master?: Pool }).master;
        if (!p) return;
        this.set({ state: 'total' }, p.totalCount);
        this.set({ state: 'idle' }, p.idleCount);
        this.set({ state: 'waiting' }, p.waitingCount);
      },
    });
  }

  private snap?: { at: number; value: Promise<Snapshot> };

  /** The database's side of the metrics, read once per scrape (reused for a second). */
  private snapshot(): Promise<Snapshot> {
    if (this.snap && Date.now() - this.snap.at < 1_000) return this.snap.value;
    const value = (async (): Promise<Snapshot> => {
      try {
        const outbox = await this.health.outbox();
        const mailbox = this.config.IMAP_HOST ? await this.health.mailbox(this.config.IMAP_FOLDER) : null;
        return { outbox, mailbox, jobs: await this.jobs.all() };
      } catch (e) {
        this.logger.warn(`métricas sin datos de la base: ${(e as Error).message}`);
        return { outbox: null, mailbox: null, jobs: [] };
      }
    })();
    this.snap = { at: Date.now(), value };
    return value;
  }

  /** Express middleware: times every request under its route pattern. */
  observe = (req: Request, res: Response, next: NextFunction) => {
    const end = this.latency.startTimer();
    res.once('finish', () => end({ method: req.method, route: routeOf(req), status_code: String(res.statusCode) }));
    next();
  };

  /** Express handler for /metrics on the app's port: only with the token. */
  serve = (req: Request, res: Response) => {
    const token = this.config.METRICS_TOKEN;
    const given = /^Bearer (.+)$/.exec(req.header('authorization') ?? '')?.[1] ?? '';
    if (!token) return void res.status(404).type('text/plain').send('Not Found');
    if (!sameSecret(given, token)) return void res.status(401).set('WWW-Authenticate', 'Bearer').type('text/plain').send('Unauthorized');
    void this.write(res);
  };

  private async write(res: Response | import('node:http').ServerResponse) {
    try {
      const body = await this.registry.metrics();
      res.writeHead(200, { 'Content-Type': this.registry.contentType, 'Cache-Control': 'no-store' }).end(body);
    } catch (e) {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end((e as Error).message);
    }
  }

  async onApplicationBootstrap() {
    if (!this.config.METRICS_PORT) return;
    this.server = createServer((req, res) => {
      if (req.url?.split('?')[0] !== '/metrics') return void res.writeHead(404).end();
      void this.write(res);
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.config.METRICS_PORT, this.config.METRICS_HOST, () => resolve());
    });
    this.logger.log(`métricas de Prometheus en http://${this.config.METRICS_HOST}:${this.config.METRICS_PORT}/metrics`);
  }

  async onApplicationShutdown() {
    if (this.server) await new Promise((r) => this.server!.close(r));
  }
}
