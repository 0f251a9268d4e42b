import { defineService } from '@archive365/service-kit';
import { provisioningMigrations } from '../migrations';
import { DoctorRun } from '../persistence/doctor-run.entity';
import { Lease } from '../persistence/lease.entity';
import { RegisteredKey } from '../persistence/registered-key.entity';
import { Renewal } from '../persistence/renewal.entity';
import { SetupStep } from '../persistence/setup-step.entity';
import { Setup } from '../persistence/setup.entity';
import { ProvisioningConfig } from './provisioning.config';
import { ProvisioningModule } from './provisioning.module';

/** App registration setup in the customer's tenant, its checklist ("doctor"), and certificate renewal. */
export const provisioningService = defineService({
  name: 'provisioning',
  configClass: ProvisioningConfig,
  defaultHttpPort: 3102,
  entities: [Setup, SetupStep, DoctorRun, Renewal, Lease, RegisteredKey],
  migrations: provisioningMigrations,
  features: (config) => [ProvisioningModule.forRoot(config)],
});
