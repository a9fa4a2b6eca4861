import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../config/config';
import { LocalDiskStorage } from './local-disk-storage';
import { S3Storage } from './s3-storage';
import { storageFor } from './storage.module';

describe('storage settings', () => {
  it('keeps files on local disk without S3_BUCKET, in UPLOADS_DIR or DATA_DIR/uploads', () => {
    const byDefault = storageFor(loadConfig({ DATA_DIR: '/srv/cabildo' }));
    expect(byDefault).toBeInstanceOf(LocalDiskStorage);
    expect((byDefault as LocalDiskStorage).root).toBe(resolve(join('/srv/cabildo', 'uploads')));
    expect((storageFor(loadConfig({ UPLOADS_DIR: '/mnt/archivos' })) as LocalDiskStorage).root).toBe('/mnt/archivos');
  });

  it('uses the bucket with S3_BUCKET, path style by default with an endpoint', async () => {
    const s = storageFor(loadConfig({ S3_BUCKET: 'cabildo', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_ACCESS_KEY_ID: 'llave', S3_SECRET_ACCESS_KEY: 'secreto' }));
    expect(s).toBeInstanceOf(S3Storage);
    expect(s.description).toBe('S3 (bucket cabildo en 127.0.0.1:9000)');
    expect(await (s as S3Storage).client.config.forcePathStyle).toBe(true);
    (s as S3Storage).destroy();
    const aws = storageFor(loadConfig({ S3_BUCKET: 'cabildo' })) as S3Storage;
    expect(aws.client.config.forcePathStyle).toBe(false);
    aws.destroy();
  });

  it('stops on incomplete or bad S3 settings, naming the variable', () => {
    expect(() => loadConfig({ S3_ENDPOINT: 'http://127.0.0.1:9000' })).toThrow(ConfigError);
    expect(() => loadConfig({ S3_ENDPOINT: 'http://127.0.0.1:9000' })).toThrow(/S3_BUCKET: falta/);
    expect(() => loadConfig({ S3_BUCKET: 'cabildo', S3_ACCESS_KEY_ID: 'llave' })).toThrow(/S3_SECRET_ACCESS_KEY: falta/);
    expect(() => loadConfig({ S3_BUCKET: 'Mal_Nombre' })).toThrow(/S3_BUCKET/);
    expect(() => loadConfig({ S3_BUCKET: 'cabildo', S3_ENDPOINT: 'minio:9000' })).toThrow(/S3_ENDPOINT/);
    expect(() => loadConfig({ S3_BUCKET: 'cabildo', S3_FORCE_PATH_STYLE: 'quizá' })).toThrow(/S3_FORCE_PATH_STYLE/);
  });
});
