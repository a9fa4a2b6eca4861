import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';

const ROOT = join(__dirname, '..', '..');

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

/**
 * The app as a real, separate OS process (`node src/main.ts`, compiled on the fly by
 * ts-register.js), so that a test can SIGKILL it. Its output is kept for the failure message.
 */
export class AppProcess {
  child?: ChildProcess;
  output = '';
  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(timeoutMs = 45_000): Promise<void> {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, TZ: process.env.TZ, HOME: process.env.HOME, NODE_ENV: 'test', LOG_LEVEL: 'error', DEMO_DATA: 'false', HOST: '127.0.0.1', PORT: String(this.port), ...this.env };
    const child = spawn(process.execPath, ['-r', join(ROOT, 'test/support/ts-register.js'), join(ROOT, 'src/main.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the app exited (${child.exitCode ?? child.signalCode}):\n${this.output}`);
      const ok = await fetch(`${this.url}/health`).then((r) => r.status === 200, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the app did not answer /health within ${timeoutMs} ms:\n${this.output}`);
  }

  /** Stop it: SIGKILL (no cleanup at all, as a power cut or the OOM killer) or SIGTERM (graceful). */
  async stop(signal: 'SIGKILL' | 'SIGTERM' = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/** A short-lived connection of the test's own, in the app's schema (closed at once: the embedded database allows two). */
export async function withDb<T>(schema: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    await c.query(`SET search_path TO "${schema}", public`);
    return await fn(c);
  } finally {
    await c.end();
  }
}
