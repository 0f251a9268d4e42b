import type { NestExpressApplication } from '@nestjs/platform-express';
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
  // Imports carry PEM or PFX files in JSON: room for them (the DTOs cap each field), not more.
  configureHttp: (app) => (app as NestExpressApplication).useBodyParser('json', { limit: '512kb' }),
});
