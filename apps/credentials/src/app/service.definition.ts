import { defineService } from '@archive365/service-kit';
import { Certificate } from '../credentials/certificate.entity';
import { Credential } from '../credentials/credential.entity';
import { CredentialsModule } from '../credentials/credentials.module';
import { Instance } from '../instances/instance.entity';
import { InstancesModule } from '../instances/instances.module';
import { credentialsMigrations } from '../migrations';
import { KeyCanary } from '../vault/key-canary.entity';
import { CredentialsConfig } from './credentials.config';

export const credentialsService = defineService({
  name: 'credentials',
  configClass: CredentialsConfig,
  defaultHttpPort: 3101,
  entities: [Instance, Credential, Certificate, KeyCanary],
  migrations: credentialsMigrations,
  features: (config) => [InstancesModule, CredentialsModule.forRoot(config)],
});
