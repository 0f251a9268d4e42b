import { ServiceBaseConfig } from '@archive365/config';

/** Configuration of the provisioning service (environment variables, see the README). */
export class ProvisioningConfig extends ServiceBaseConfig {}
