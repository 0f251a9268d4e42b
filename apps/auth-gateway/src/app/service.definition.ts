import type { NestExpressApplication } from '@nestjs/platform-express';
import { defineService } from '@archive365/service-kit';
import { applySecurityHeaders } from '../http/security-headers';
import { mountSignInRoutes } from '../http/sign-in-routes';
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
  configureHttp: (app, config) => {
    applySecurityHeaders(app as NestExpressApplication, config);
    // Ahead of Nest's routes and middleware (its request logger included): see mountSignInRoutes.
    mountSignInRoutes(app as NestExpressApplication, config);
  },
});
