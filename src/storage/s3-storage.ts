import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, paginateListObjectsV2, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { PassThrough, Readable } from 'node:stream';
import { ByteRange, checkKey, FileStorage, isStorageKey, StoredEntry, StoredFileMissing } from './file-storage';

export interface S3Settings {
  endpoint?: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

const PART_SIZE = 8 * 1024 * 1024;

function notFound(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === 'NoSuchKey' || err?.name === 'NotFound' || err?.$metadata?.httpStatusCode === 404;
}

/**
 * Files in an S3-compatible bucket (MinIO, Garage, SeaweedFS, a cloud bucket), through the
 * AWS SDK v3: small files in one PUT, streams through lib-storage's multipart upload (8 MiB
 * parts, two at a time), reads as streams with HTTP ranges.
 */
export class S3Storage extends FileStorage {
  readonly client: S3Client;
  readonly bucket: string;

  constructor(private readonly settings: S3Settings) {
    super();
    this.bucket = settings.bucket;
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.accessKeyId && settings.secretAccessKey ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } : undefined,
      // Checksums only where the protocol requires them: several S3-compatible servers
      // (older MinIO, Garage, SeaweedFS) refuse the SDK's newer default trailers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  get description() {
    return `S3 (bucket ${this.bucket}${this.settings.endpoint ? ` en ${new URL(this.settings.endpoint).host}` : ''})`;
  }

  async put(key: string, data: Buffer | Readable, contentType = 'application/octet-stream'): Promise<number> {
    checkKey(key);
    if (Buffer.isBuffer(data)) {
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: data, ContentLength: data.length, ContentType: contentType }));
      return data.length;
    }
    let bytes = 0;
    const counted = new PassThrough();
    counted.on('data', (c: Buffer) => (bytes += c.length));
    data.on('error', (e) => counted.destroy(e));
    data.pipe(counted);
    const upload = new Upload({ client: this.client, params: { Bucket: this.bucket, Key: key, Body: counted, ContentType: contentType }, partSize: PART_SIZE, queueSize: 2, leavePartsOnError: false });
    await upload.done();
    return bytes;
  }

  async open(key: string, range?: ByteRange): Promise<Readable> {
    checkKey(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
      return out.Body as Readable;
    } catch (e) {
      if (notFound(e)) throw new StoredFileMissing(key);
      throw e;
    }
  }

  override async read(key: string): Promise<Buffer> {
    checkKey(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return Buffer.from(await out.Body!.transformToByteArray());
    } catch (e) {
      if (notFound(e)) throw new StoredFileMissing(key);
      throw e;
    }
  }

  async size(key: string): Promise<number | null> {
    checkKey(key);
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return out.ContentLength ?? 0;
    } catch (e) {
      if (notFound(e)) return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async *list(): AsyncIterable<StoredEntry> {
    for await (const page of paginateListObjectsV2({ client: this.client }, { Bucket: this.bucket })) {
      for (const o of page.Contents ?? []) if (o.Key && isStorageKey(o.Key)) yield { key: o.Key, size: o.Size ?? 0 };
    }
  }

  destroy() {
    this.client.destroy();
  }
}
