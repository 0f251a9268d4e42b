import { defineService } from '@archive365/service-kit';
import { AdminApiConfig } from './admin-api.config';
import { ApiModule } from './api.module';

export const adminApiService = defineService({
  name: 'admin-api',
  configClass: AdminApiConfig,
  defaultHttpPort: 3100,
  entities: [],
  migrations: [],
  features: (config) => [ApiModule.forRoot(config)],
});
