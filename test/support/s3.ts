import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtemp, rm } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// A real S3-protocol server in this process, on loopback, storing in a temporary folder.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('@20minutes/s3rver');

/**
 * An S3-compatible server (s3rver) on 127.0.0.1 with one bucket, for tests of the object
 * storage: the app talks to it through the real AWS SDK, signatures checked.
 */
export class TestS3Server {
  readonly accessKeyId = 'S3RVER';
  readonly secretAccessKey = 'S3RVER';
  port = 0;
  private server?: { run(): Promise<AddressInfo>; close(): Promise<void>; middleware: unknown[] };
  private dir?: string;

  constructor(readonly bucket = 'cabildo-pruebas') {}

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The app's settings for this server (S3_* variables). */
  get env(): Record<string, string> {
    return { S3_ENDPOINT: this.endpoint, S3_BUCKET: this.bucket, S3_ACCESS_KEY_ID: this.accessKeyId, S3_SECRET_ACCESS_KEY: this.secretAccessKey, S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: 'true' };
  }

  async start(): Promise<void> {
    this.dir = await mkdtemp(join(tmpdir(), 'cabildo-s3-'));
    const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: this.dir, configureBuckets: [{ name: this.bucket }], vhostBuckets: false });
    // s3rver signs a bucket-level request (a listing) as "/bucket" where the AWS SDK v3 signs
    // "/bucket/": for those requests only, a mismatched signature is let through. Every
    // request on an object (put, get, head, delete) has its signature checked.
    const bucketLevel = new AsyncLocalStorage<boolean>();
    Object.defineProperty(server, 'allowMismatchedSignatures', { get: () => bucketLevel.getStore() === true, set: () => undefined });
    server.middleware.unshift((ctx: { path: string }, next: () => Promise<void>) => bucketLevel.run(/^\/[^/]+\/?$/.test(ctx.path), next));
    this.server = server;
    const address = await this.server!.run();
    this.port = address.port;
  }

  async stop(): Promise<void> {
    await this.server?.close();
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}

/** Remove the S3_* variables a test set (createTestApp copies its settings into process.env). */
export function clearS3Env() {
  for (const k of ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_REGION', 'S3_FORCE_PATH_STYLE']) delete process.env[k];
}
