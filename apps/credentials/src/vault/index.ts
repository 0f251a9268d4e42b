export { KeyVaultService } from './key-vault.service';
export { VaultModule } from './vault.module';
export { RetiredKeyPurge } from './retired-key-purge';
