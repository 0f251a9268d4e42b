import { Module } from '@nestjs/common';
import { StoreModule } from '../store';
import { KeyVaultService } from './key-vault.service';
import { RetiredKeyPurge } from './retired-key-purge';

@Module({
  imports: [StoreModule],
  providers: [KeyVaultService, RetiredKeyPurge],
  exports: [KeyVaultService, RetiredKeyPurge],
})
export class VaultModule {}
