/** Start and stop the app under test and the baseline as child processes; read their peak memory. */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const BENCH_SECRET = 'cabildo-benchmark-session-secret-0123456789abcdef';
const ROOT = resolve(__dirname, '..', '..', '..');

export interface Server {
  name: string;
  base: string;
  pid: number;
  /** Peak resident memory of the process so far (VmHWM), in MB. */
  peakRssMb(): number | null;
  stop(): Promise<void>;
}

function vm(pid: number, key: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const m = new RegExp(`${key}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

async function waitReady(base: string, child: ChildProcess, name: string, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} terminó al arrancar (código ${child.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${base}/health`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} no respondió en 120 s:\n${log()}`);
}

function launch(name: string, args: string[], env: Record<string, string>, port: number): Promise<Server> {
  let output = '';
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-8000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const base = `http://127.0.0.1:${port}`;
  const server: Server = {
    name,
    base,
    pid: child.pid!,
    peakRssMb: () => vm(child.pid!, 'VmHWM'),
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 10_000).unref();
      }),
  };
  return waitReady(base, child, name, () => output).then(() => server, async (e) => {
    await server.stop();
    throw e;
  });
}

/** Node's flags from `npm start` (the heap limit), so that the app is measured as it runs in production. */
const START_FLAGS: string[] = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start as string).split(/\s+/).filter((a) => a.startsWith('--'));

/** The compiled app, as in production: templates cached, no demo data, the outbox worker off, the spam limits opened for one address. */
export function startApp(opts: { url: string; schema: string; port: number; poolSize?: number; sqlLog?: string }): Promise<Server> {
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: opts.url,
    DATABASE_SCHEMA: opts.schema,
    DATABASE_POOL_SIZE: String(opts.poolSize ?? 10),
    PORT: String(opts.port),
    HOST: '127.0.0.1',
    SESSION_SECRET: BENCH_SECRET,
    DEMO_DATA: 'false',
    OUTBOX_POLL_MS: '0',
    LOG_LEVEL: 'warn',
    UPLOADS_DIR: join(tmpdir(), 'cabildo-bench-uploads'),
    // Every filing of the benchmark comes from 127.0.0.1: the per-address limits are opened, and
    // the proof of work is made small because the load generator solves it on the same machine.
    FILINGS_PER_HOUR: '100000000',
    TRACKING_ATTEMPTS_PER_10_MIN: '100000000',
    LOGIN_ATTEMPTS_PER_MINUTE: '100000',
    SPAM_POW_MAX_NUMBER: '1000',
  };
  if (opts.sqlLog) env.BENCH_SQL_LOG = opts.sqlLog;
  const args = [...START_FLAGS, ...(opts.sqlLog ? ['-r', join(ROOT, 'dist/bench/lib/sql-log.js')] : []), join(ROOT, 'dist/src/main.js')];
  return launch('Cabildo', args, env, opts.port);
}

/** The baseline: plain fastify + pg issuing the same SQL (bench/baseline/server.ts). */
export function startBaseline(opts: { url: string; schema: string; port: number; poolSize?: number }): Promise<Server> {
  return launch(
    'Base (fastify + pg)',
    [join(ROOT, 'dist/bench/baseline/main.js')],
    { NODE_ENV: 'production', DATABASE_URL: opts.url, DATABASE_SCHEMA: opts.schema, DATABASE_POOL_SIZE: String(opts.poolSize ?? 10), PORT: String(opts.port), SESSION_SECRET: BENCH_SECRET, SPAM_POW_MAX_NUMBER: '1000' },
    opts.port,
  );
}
