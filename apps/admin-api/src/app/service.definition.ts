import { defineService } from '@archive365/service-kit';
import { AdminApiConfig } from './admin-api.config';
import { ApiModule } from './api.module';
import { hardenHttp } from '../http/harden-http';
import { RateLimitModule } from '../http/rate-limit.module';

export const adminApiService = defineService({
  name: 'admin-api',
  configClass: AdminApiConfig,
  defaultHttpPort: 3100,
  entities: [],
  migrations: [],
  features: (config) => [ApiModule.forRoot(config), RateLimitModule.forRoot(config)],
  configureHttp: (app) => hardenHttp(app),
});
