import { defineService } from '@archive365/service-kit';
import { AdminApiConfig } from './admin-api.config';
import { ApiModule } from './api.module';
import { configureAdminApiHttp } from './configure-http';

export const adminApiService = defineService({
  name: 'admin-api',
  configClass: AdminApiConfig,
  defaultHttpPort: 3100,
  entities: [],
  migrations: [],
  features: (config) => [ApiModule.forRoot(config)],
  configureHttp: (app) => configureAdminApiHttp(app),
});
