import { Module, type DynamicModule } from '@nestjs/common';
import { DoctorHandler } from '../doctor/doctor.handler';
import { DoctorService } from '../doctor/doctor.service';
import { GuideHandler } from '../guide/guide.handler';
import { GuideService } from '../guide/guide.service';
import { GraphSessions } from '../graph/graph-sessions';
import { DoctorRunsRepository } from '../persistence/doctor-runs.repository';
import { LeasesRepository } from '../persistence/leases.repository';
import { RegisteredKeysRepository } from '../persistence/registered-keys.repository';
import { CredentialExpiringConsumer } from '../renewal/credential-expiring.consumer';
import { RenewalService } from '../renewal/renewal.service';
import { RenewalsHandler } from '../renewal/renewals.handler';
import { RenewalsRepository } from '../persistence/renewals.repository';
import { SetupsRepository } from '../persistence/setups.repository';
import { CredentialsClient } from '../platform/credentials.client';
import { ExtraCaTrust } from '../platform/trust-ca';
import { AutomaticSetupService } from '../setup/automatic-setup.service';
import { ConsentSetupService } from '../setup/consent-setup.service';
import { ManualSetupService } from '../setup/manual-setup.service';
import { SetupCoordinator } from '../setup/setup-coordinator';
import { SetupEvents } from '../setup/setup-events';
import { SetupsHandler } from '../setup/setups.handler';
import { PROVISIONING_CONFIG, type ProvisioningConfig } from './provisioning.config';

/** App registration setup, the checklist and certificate renewal. */
@Module({})
export class ProvisioningModule {
  static forRoot(config: ProvisioningConfig): DynamicModule {
    return {
      module: ProvisioningModule,
      providers: [
        { provide: PROVISIONING_CONFIG, useValue: config },
        { provide: ExtraCaTrust, useValue: new ExtraCaTrust(config.ENTRA_CA_FILE) },
        LeasesRepository,
        SetupsRepository,
        DoctorRunsRepository,
        RenewalsRepository,
        RegisteredKeysRepository,
        CredentialsClient,
        GraphSessions,
        SetupEvents,
        SetupCoordinator,
        AutomaticSetupService,
        ManualSetupService,
        ConsentSetupService,
        SetupsHandler,
        GuideService,
        GuideHandler,
        RenewalService,
        RenewalsHandler,
        CredentialExpiringConsumer,
        DoctorService,
        DoctorHandler,
      ],
    };
  }
}
