import { CreateProvisioning1764300001000 } from './1764300001000-create-provisioning';

/** The provisioning service's schema history, oldest first. */
export const provisioningMigrations = [CreateProvisioning1764300001000];
