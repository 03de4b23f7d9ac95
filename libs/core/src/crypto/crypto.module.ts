import { Global, Module } from '@nestjs/common';
import { BlindIndex, ConfiguredBlindIndex } from './blind-index';
import { ConfiguredFieldCipher, FieldCipher } from './field-cipher';

/** `FieldCipher` and `BlindIndex` for personal data at rest, injectable everywhere. Needs `ConfigModule`. */
@Global()
@Module({
  providers: [
    { provide: FieldCipher, useClass: ConfiguredFieldCipher },
    { provide: BlindIndex, useClass: ConfiguredBlindIndex },
  ],
  exports: [FieldCipher, BlindIndex],
})
export class CryptoModule {}
