import { defineService } from '@archive365/service-kit';
import { CredentialsConfig, CredentialsConfigModule } from '../config';
import { CredentialsModule } from '../credentials';
import { ExpiryModule } from '../expiry';
import { InstancesModule } from '../instances';
import { credentialsMigrations } from '../migrations';
import { RotationModule } from '../rotation';
import { SignaturesModule } from '../signatures';
import { credentialsEntities } from '../store';
import { TokensModule } from '../tokens';

/** The credentials service: its tables, its configuration and one module per kind of work. */
export const credentialsService = defineService({
  name: 'credentials',
  configClass: CredentialsConfig,
  defaultHttpPort: 3101,
  entities: credentialsEntities,
  migrations: credentialsMigrations,
  features: (config) => [
    CredentialsConfigModule.forRoot(config),
    InstancesModule,
    CredentialsModule,
    TokensModule,
    RotationModule,
    ExpiryModule,
    SignaturesModule,
  ],
});
