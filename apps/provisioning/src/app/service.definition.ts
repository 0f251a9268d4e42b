import { defineService } from '@archive365/service-kit';
import { ProvisioningConfig } from './provisioning.config';

/** The service's shell: health, status and its own database; its features arrive with their issues. */
export const provisioningService = defineService({
  name: 'provisioning',
  configClass: ProvisioningConfig,
  defaultHttpPort: 3102,
  entities: [],
  migrations: [],
  features: () => [],
});
