import { CreateProvisioning1764300001000 } from './1764300001000-create-provisioning';
import { RenewalKeyIds1764300001100 } from './1764300001100-renewal-key-ids';

/** The provisioning service's schema history, oldest first. */
export const provisioningMigrations = [CreateProvisioning1764300001000, RenewalKeyIds1764300001100];
