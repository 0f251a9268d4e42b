import { RequestMethod } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { defineService } from '@archive365/service-kit';
import { applySecurityHeaders } from '../http/security-headers';
import { authGatewayMigrations } from '../migrations';
import { AuthGatewayConfig } from './auth-gateway.config';
import { AUTH_GATEWAY_ENTITIES, AuthGatewayModule } from './auth-gateway.module';

export const authGatewayService = defineService({
  name: 'auth-gateway',
  configClass: AuthGatewayConfig,
  defaultHttpPort: 3104,
  entities: AUTH_GATEWAY_ENTITIES,
  migrations: authGatewayMigrations,
  features: (config) => [AuthGatewayModule.forRoot(config)],
  configureHttp: (app, config) => applySecurityHeaders(app as NestExpressApplication, config),
  // Every sign-in passes these; their refusals are logged by the refusal filters, with their code.
  quietHttpRoutes: [
    { path: ':alias/oidc/login', method: RequestMethod.GET },
    { path: ':alias/oidc/signin', method: RequestMethod.ALL },
    { path: ':alias/addin/naa/exchange', method: RequestMethod.POST },
  ],
});
