import { defineService } from '@archive365/service-kit';
import { Instance } from '../instances/instance.entity';
import { InstancesModule } from '../instances/instances.module';
import { credentialsMigrations } from '../migrations';
import { CredentialsConfig } from './credentials.config';

export const credentialsService = defineService({
  name: 'credentials',
  configClass: CredentialsConfig,
  defaultHttpPort: 3101,
  entities: [Instance],
  migrations: credentialsMigrations,
  features: () => [InstancesModule],
});
