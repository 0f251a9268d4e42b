import { Module } from '@nestjs/common';
import { ImportSealingModule } from '../import-sealing';
import { InstancesModule } from '../instances';
import { StoreModule } from '../store';
import { TokensModule } from '../tokens';
import { VaultModule } from '../vault';
import { CredentialUsage } from './credential-usage';
import { CredentialsHandler } from './credentials.handler';
import { CredentialsService } from './credentials.service';

@Module({
  imports: [StoreModule, VaultModule, TokensModule, InstancesModule, ImportSealingModule],
  providers: [CredentialUsage, CredentialsService, CredentialsHandler],
})
export class CredentialsModule {}
