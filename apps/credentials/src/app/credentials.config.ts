import { ServiceBaseConfig } from '@archive365/config';

/** Configuration of the credentials service (environment variables, see the README). */
export class CredentialsConfig extends ServiceBaseConfig {}
