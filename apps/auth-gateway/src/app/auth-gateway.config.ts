import { ServiceBaseConfig } from '@archive365/config';

/** Configuration of the auth-gateway service (environment variables, see the README). */
export class AuthGatewayConfig extends ServiceBaseConfig {}
