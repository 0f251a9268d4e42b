import { Module } from '@nestjs/common';
import { StoreModule } from '../store';
import { KeyVaultService } from './key-vault.service';

@Module({ imports: [StoreModule], providers: [KeyVaultService], exports: [KeyVaultService] })
export class VaultModule {}
