import { defineService } from '@archive365/service-kit';
import { ADMIN_API_MIGRATIONS } from '../migrations';
import { AdminApiConfig } from './admin-api.config';
import { ADMIN_API_ENTITIES } from './admin-api.entities';
import { ApiModule } from './api.module';
import { configureAdminApiHttp } from './configure-http';
import { RateLimitModule } from '../http/rate-limit.module';

export const adminApiService = defineService({
  name: 'admin-api',
  configClass: AdminApiConfig,
  defaultHttpPort: 3100,
  entities: ADMIN_API_ENTITIES,
  migrations: ADMIN_API_MIGRATIONS,
  // The rate limit first: it must also slow down callers that guess tokens (before the 401).
  features: (config) => [RateLimitModule.forRoot(config), ApiModule.forRoot(config)],
  configureHttp: (app) => configureAdminApiHttp(app),
});
