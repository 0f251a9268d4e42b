import { Module } from '@nestjs/common';
import { VaultModule } from '../vault';
import { ImportSealingHandler } from './import-sealing.handler';
import { ImportSealingService } from './import-sealing.service';

/** The import key and the opening of sealed imports (the key is derived from the master keys). */
@Module({
  imports: [VaultModule],
  providers: [ImportSealingService, ImportSealingHandler],
  exports: [ImportSealingService],
})
export class ImportSealingModule {}
