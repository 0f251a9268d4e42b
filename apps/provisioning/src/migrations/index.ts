import { CreateProvisioning1764300001000 } from './1764300001000-create-provisioning';
import { RenewalKeyIds1764300001100 } from './1764300001100-renewal-key-ids';
import { OneRunningRenewal1764300001200 } from './1764300001200-one-running-renewal';
import { ProviderRenewals1764300001300 } from './1764300001300-provider-renewals';

/** The provisioning service's schema history, oldest first. */
export const provisioningMigrations = [
  CreateProvisioning1764300001000,
  RenewalKeyIds1764300001100,
  OneRunningRenewal1764300001200,
  ProviderRenewals1764300001300,
];
