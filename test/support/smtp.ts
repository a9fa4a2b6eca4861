import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelopeTo: string[];
  parsed: ParsedMail;
  raw: string;
}

/** A real SMTP server on loopback that keeps what it receives. It can be stopped and started again on the same port. */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** SMTP sessions opened by clients (the app's mail pool reuses them). */
  connections = 0;
  /** A slow mail server: each message is answered this long after its data arrived. */
  delayMs = 0;
  private server?: SMTPServer;
  port = 0;

  private build() {
    return new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // The app's pool keeps idle connections open: a stop (an outage in a test) cuts them at once.
      closeTimeout: 100,
      onConnect: (_session, callback) => {
        this.connections++;
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', async () => {
          if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw)
            .then((parsed) => {
              this.received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), parsed, raw });
              callback();
            })
            .catch(callback);
        });
      },
    });
  }

  async start(): Promise<void> {
    this.server = this.build();
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server as unknown as { server: { address(): AddressInfo } }).server.address().port;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.envelopeTo.includes(address));
  }
}
