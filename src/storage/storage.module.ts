import { Global, Injectable, Logger, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/config';
import { FileStorage } from './file-storage';
import { LocalDiskStorage } from './local-disk-storage';
import { S3Storage } from './s3-storage';

/** The store the configuration asks for: S3 when S3_BUCKET is set, local disk otherwise. */
export function storageFor(config: AppConfig): FileStorage {
  if (config.S3_BUCKET) {
    return new S3Storage({
      endpoint: config.S3_ENDPOINT,
      bucket: config.S3_BUCKET,
      region: config.S3_REGION,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      forcePathStyle: config.S3_FORCE_PATH_STYLE ?? !!config.S3_ENDPOINT,
    });
  }
  return localStorageFor(config);
}

export function localStorageFor(config: AppConfig): LocalDiskStorage {
  return new LocalDiskStorage(config.UPLOADS_DIR ?? join(config.DATA_DIR, 'uploads'));
}

@Injectable()
class StorageLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Storage');
  constructor(private readonly storage: FileStorage) {}
  onApplicationBootstrap() {
    this.logger.log(`Archivos en ${this.storage.description}`);
  }
  onModuleDestroy() {
    if (this.storage instanceof S3Storage) this.storage.destroy();
  }
}

@Global()
@Module({
  providers: [{ provide: FileStorage, inject: [APP_CONFIG], useFactory: storageFor }, StorageLifecycle],
  exports: [FileStorage],
})
export class StorageModule {}
