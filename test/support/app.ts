import { randomBytes } from 'node:crypto';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { Clock } from '../../src/common/clock';
import { Factories } from './factories';

export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<NestExpressApplication['getHttpServer']>;
  dataSource: DataSource;
  schema: string;
  factories: Factories;
  clock: Clock;
  /** A browser-like client that keeps cookies between requests. */
  agent(): request.Agent;
  close(): Promise<void>;
}

/**
 * Boot the real AppModule against the test database, in a schema of its own for this file:
 * migrations run into it, and it is dropped at the end.
 */
export async function createTestApp(env: Record<string, string> = {}, options: { schema?: string } = {}): Promise<TestApp> {
  Object.assign(process.env, env);
  const schema = options.schema ?? `t_${randomBytes(6).toString('hex')}`;
  const url = process.env.DATABASE_URL!;
  const embedded = process.env.CABILDO_TEST_DB === 'embedded';
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.register({ url, embedded, poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 4), schema })],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: ['error'] });
  configureApp(app);
  await app.init();
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const http = app.getHttpServer();
  return {
    app,
    http,
    dataSource,
    schema,
    factories: new Factories(app),
    clock: app.get(Clock),
    agent: () => request.agent(http),
    async close() {
      await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await app.close();
    },
  };
}

/** The CSRF token of the form on a page (every form carries one). */
export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('No CSRF field on this page');
  return m[1];
}

/** GET a page, then POST a form from it with its CSRF token, as a browser would. */
export async function submitForm(agent: request.Agent, pagePath: string, action: string, fields: Record<string, string | string[]>) {
  const page = await agent.get(pagePath);
  return agent.post(action).type('form').send({ ...fields, _csrf: csrfFrom(page.text) });
}

export async function login(agent: request.Agent, email: string, password: string) {
  // Someone already signed in on this agent is sent from /login to their panel: take the token there.
  const page = await agent.get('/login');
  const html = page.status === 303 ? (await agent.get('/panel')).text : page.text;
  const res = await agent.post('/login').type('form').send({ email, password, _csrf: csrfFrom(html) });
  if (res.status !== 303) throw new Error(`login failed for ${email}: ${res.status}`);
  return res;
}
