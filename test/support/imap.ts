import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

/** Debian's Dovecot (`apt-get install dovecot-imapd`); CABILDO_DOVECOT_PATH pointing at nothing simulates a machine without it. */
export const DOVECOT = process.env.CABILDO_DOVECOT_PATH ?? process.env.DOVECOT_PATH ?? '/usr/sbin/dovecot';

function npmImapServer(): boolean {
  try {
    require.resolve('hoodiecrow-imap');
    return true;
  } catch {
    return false;
  }
}

/**
 * `describe` for tests that need an IMAP server: Debian's Dovecot, or without it (a machine
 * with only Node) hoodiecrow-imap from npm. With neither, the file is skipped and recorded,
 * and the run ends with one line naming it and the command that enables it
 * (test/support/global-teardown.ts).
 */
export function describeWithImap(name: string, fn: () => void): void {
  if (existsSync(DOVECOT) || npmImapServer()) return describe(name, fn);
  const dir = process.env.CABILDO_SKIPPED_DIR;
  const file = (expect.getState().testPath ?? name).split('/').slice(-1)[0];
  if (dir) writeFileSync(join(dir, `${file}.json`), JSON.stringify({ file, tool: 'un servidor IMAP', install: 'apt-get install dovecot-imapd' }));
  describe.skip(name, fn);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function groupName(gid: number): string {
  const line = readFileSync('/etc/group', 'utf8').split('\n').find((l) => l.split(':')[2] === String(gid));
  return line ? line.split(':')[0] : 'nogroup';
}

async function waitForPort(port: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = new Socket();
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => (s.destroy(), resolve(false)));
      s.connect(port, '127.0.0.1');
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dovecot no abrió el puerto ${port}`);
}

export interface AppendOptions {
  folder?: string;
  flags?: string[];
  date?: Date;
}

/**
 * A throwaway Dovecot IMAP server for one test file: its own configuration, base_dir and
 * Maildir in a temporary folder, listening on a free loopback port, plaintext login allowed
 * (loopback only), one passwd-file user. Started as a child process (`dovecot -F -c conf`),
 * never the system service. Run as root, the mail user and Dovecot's own processes are
 * "nobody"; otherwise they are the current user.
 */
export class TestImapServer {
  readonly user = 'oficialia';
  readonly password = 'Correo-Prueba-2026';
  port = 0;
  dir = '';
  private child?: ChildProcess;

  /** Dovecot is installed (otherwise start() uses hoodiecrow-imap from npm). */
  static available(): boolean {
    return existsSync(DOVECOT);
  }

  async start(): Promise<void> {
    if (!TestImapServer.available()) return this.startFromNpm();
    if (this.dir) return this.spawn(); // started again after pause(): same port, same Maildir
    this.port = await freePort();
    this.dir = mkdtempSync(join(tmpdir(), 'cabildo-imap-'));
    chmodSync(this.dir, 0o755);
    const root = process.getuid?.() === 0;
    const uid = root ? 65534 : process.getuid!();
    const gid = root ? 65534 : process.getgid!();
    const userName = root ? 'nobody' : userInfo().username;
    const group = groupName(gid);
    const home = join(this.dir, 'home', this.user);
    for (const d of ['run', 'state']) mkdirSync(join(this.dir, d));
    mkdirSync(home, { recursive: true });
    if (root) {
      chownSync(join(this.dir, 'home'), uid, gid);
      chownSync(home, uid, gid);
    }
    writeFileSync(join(this.dir, 'passwd'), `${this.user}:{PLAIN}${this.password}:${uid}:${gid}::${home}\n`);
    const conf = `
base_dir = ${this.dir}/run
state_dir = ${this.dir}/state
log_path = ${this.dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${userName}
default_internal_group = ${group}
default_login_user = ${userName}
first_valid_uid = 1
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${this.dir}/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u ${this.dir}/passwd
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${this.port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`;
    writeFileSync(join(this.dir, 'dovecot.conf'), conf);
    await this.spawn();
  }

  private async spawn(): Promise<void> {
    this.child = spawn(DOVECOT, ['-F', '-c', join(this.dir, 'dovecot.conf')], { stdio: 'ignore' });
    await waitForPort(this.port, 10_000);
  }

  private npm?: { server: import('node:net').Server; sockets: Set<import('node:net').Socket> };

  /**
   * Without Dovecot (a machine with only Node): hoodiecrow-imap from npm, in this process, with
   * the same user, port handling and pause()/start() (its mailbox is kept in memory meanwhile).
   */
  private async startFromNpm(): Promise<void> {
    if (!this.npm) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const hoodiecrow = require('hoodiecrow-imap') as (o: object) => { server: import('node:net').Server };
      const imap = hoodiecrow({
        plugins: ['ID', 'UIDPLUS', 'LITERALPLUS', 'SPECIAL-USE', 'ENABLE', 'CONDSTORE', 'IDLE', 'NAMESPACE', 'UNSELECT'],
        storage: { INBOX: { messages: [] }, '': { separator: '/', folders: {} } },
        users: { [this.user]: { password: this.password } },
      });
      this.npm = { server: imap.server, sockets: new Set() };
      imap.server.on('connection', (s) => {
        this.npm!.sockets.add(s);
        s.once('close', () => this.npm!.sockets.delete(s));
      });
      this.port = await freePort();
    }
    await new Promise<void>((resolve) => this.npm!.server.listen(this.port, '127.0.0.1', () => resolve()));
  }

  /** Stop the server but keep its Maildir and port, to start() it again (a mail server that went down). */
  async pause(): Promise<void> {
    if (this.npm) {
      for (const s of this.npm.sockets) s.destroy();
      if (this.npm.server.listening) await new Promise((r) => this.npm!.server.close(r));
      return;
    }
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => (child.kill('SIGKILL'), resolve()), 5000);
        child.once('exit', () => (clearTimeout(timer), resolve()));
        child.kill('SIGTERM');
      });
    }
  }

  /** The app's environment for this mailbox. */
  env(folder = 'INBOX'): Record<string, string> {
    return { IMAP_HOST: '127.0.0.1', IMAP_PORT: String(this.port), IMAP_SECURE: 'false', IMAP_USER: this.user, IMAP_PASSWORD: this.password, IMAP_FOLDER: folder };
  }

  private client(): ImapFlow {
    return new ImapFlow({ host: '127.0.0.1', port: this.port, secure: false, auth: { user: this.user, pass: this.password }, logger: false });
  }

  /** Place a raw RFC 5322 message in the mailbox (IMAP APPEND); returns its UID. */
  async append(raw: string | Buffer, opts: AppendOptions = {}): Promise<number> {
    const c = this.client();
    await c.connect();
    try {
      const folder = opts.folder ?? 'INBOX';
      if (folder !== 'INBOX') await c.mailboxCreate(folder).catch(() => undefined);
      const r = await c.append(folder, raw, opts.flags ?? [], opts.date);
      return r && typeof r === 'object' && 'uid' in r ? Number(r.uid) : 0;
    } finally {
      await c.logout().catch(() => undefined);
    }
  }

  /** How many messages the folder holds (to show nothing was deleted). */
  async count(folder = 'INBOX'): Promise<number> {
    const c = this.client();
    await c.connect();
    try {
      const s = await c.status(folder, { messages: true });
      return s ? (s.messages ?? 0) : 0;
    } finally {
      await c.logout().catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    await this.pause();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = '';
  }
}

/** A plain RFC 5322 message for tests. */
export function rawMessage(m: { from: string; to?: string; subject: string; text?: string; html?: string; messageId?: string; inReplyTo?: string; references?: string; headers?: Record<string, string>; date?: Date }): string {
  const lines = [
    `From: ${m.from}`,
    `To: ${m.to ?? 'oficialia@tampacan.gob.mx'}`,
    `Subject: ${m.subject}`,
    `Date: ${(m.date ?? new Date()).toUTCString()}`,
    `Message-ID: ${m.messageId ?? `<${Math.random().toString(36).slice(2)}@prueba.example>`}`,
    ...(m.inReplyTo ? [`In-Reply-To: ${m.inReplyTo}`] : []),
    ...(m.references ? [`References: ${m.references}`] : []),
    ...Object.entries(m.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    'MIME-Version: 1.0',
  ];
  if (m.html) {
    lines.push('Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', m.html);
  } else {
    lines.push('Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', m.text ?? '');
  }
  return lines.join('\r\n') + '\r\n';
}
