import { join } from 'node:path';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { parseDataKey } from '../crypto/field-cipher';
import { BlobStore } from './blob-store';
import { ObjectKeyring } from './chunked-encryption';
import { EncryptedObjectStorage } from './encrypted-object-storage';
import { LocalBlobStore } from './local-blob-store';
import { ObjectStorage } from './object-storage';
import { S3BlobStore } from './s3-blob-store';

/**
 * The configured object storage. Both drivers encrypt with the data key before bytes leave the
 * process: on S3 the provider never holds plaintext, and the bucket's own server-side encryption
 * (configured on the bucket) is a second layer rather than the only one.
 */
export function createObjectStorage(config: AppConfig): ObjectStorage {
  if (!config.dataEncryptionKey) throw new Error('DATA_ENCRYPTION_KEY is not set');
  const blobs: BlobStore =
    config.storageDriver === 's3'
      ? new S3BlobStore({
          endpoint: config.s3Endpoint!,
          bucket: config.s3Bucket!,
          region: config.s3Region,
          credentials: { accessKeyId: config.s3AccessKeyId!, secretAccessKey: config.s3SecretAccessKey! },
        })
      : new LocalBlobStore(join(config.dataDir, 'objects'));
  return new EncryptedObjectStorage(blobs, new ObjectKeyring(parseDataKey(config.dataEncryptionKey)));
}

/** `ObjectStorage` for every module. Needs `ConfigModule`. */
@Global()
@Module({
  providers: [{ provide: ObjectStorage, useFactory: createObjectStorage, inject: [AppConfig] }],
  exports: [ObjectStorage],
})
export class StorageModule {}
