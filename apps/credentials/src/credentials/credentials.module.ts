import { Module, type DynamicModule } from '@nestjs/common';
import { CREDENTIALS_CONFIG, type CredentialsConfig } from '../app/credentials.config';
import { ExpiryMonitor } from '../expiry/expiry-monitor';
import { ImportSealingHandler, ImportSealingService } from '../import-sealing';
import { InstancesModule } from '../instances/instances.module';
import { RotationService } from '../rotation/rotation.service';
import { TokenIdentityFactory } from '../tokens/token-identity.factory';
import { TokenProvider } from '../tokens/token-provider';
import { TokensService } from '../tokens/tokens.service';
import { KeyVaultService } from '../vault/key-vault.service';
import { CredentialStore } from './credential-store';
import { CredentialUsage } from './credential-usage';
import { CredentialsHandler } from './credentials.handler';
import { CredentialsService } from './credentials.service';

@Module({})
export class CredentialsModule {
  static forRoot(config: CredentialsConfig): DynamicModule {
    return {
      module: CredentialsModule,
      imports: [InstancesModule],
      providers: [
        { provide: CREDENTIALS_CONFIG, useValue: config },
        KeyVaultService,
        CredentialStore,
        CredentialUsage,
        CredentialsService,
        TokenProvider,
        TokenIdentityFactory,
        TokensService,
        RotationService,
        ExpiryMonitor,
        CredentialsHandler,
        ImportSealingService,
        ImportSealingHandler,
      ],
      exports: [ExpiryMonitor, TokenProvider],
    };
  }
}
