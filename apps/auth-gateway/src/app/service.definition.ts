import { defineService } from '@archive365/service-kit';
import { AuthGatewayConfig } from './auth-gateway.config';

/** The service's shell: health, status and its own database; its features arrive with their issues. */
export const authGatewayService = defineService({
  name: 'auth-gateway',
  configClass: AuthGatewayConfig,
  defaultHttpPort: 3104,
  entities: [],
  migrations: [],
  features: () => [],
});
