import { Injectable } from '@nestjs/common';
import {
  Subjects,
  type InstanceSetupRef,
  type SetupView,
  type StartAutomaticSetupRequest,
  type StartManualSetupRequest,
  type StartConsentSetupRequest,
  type CompleteConsentRequest,
} from '@archive365/contracts';
import { RpcHandler } from '@archive365/messaging';
import { AutomaticSetupService } from './automatic-setup.service';
import { ConsentSetupService } from './consent-setup.service';
import { ManualSetupService } from './manual-setup.service';
import { SetupCoordinator } from './setup-coordinator';

/** Setup subjects: one call each into the service that does the work. */
@Injectable()
export class SetupsHandler {
  constructor(
    private readonly automatic: AutomaticSetupService,
    private readonly manual: ManualSetupService,
    private readonly consent: ConsentSetupService,
    private readonly coordinator: SetupCoordinator,
  ) {}

  @RpcHandler(Subjects.StartAutomaticSetup)
  startAutomatic(request: StartAutomaticSetupRequest): Promise<SetupView> {
    return this.automatic.start(request);
  }

  @RpcHandler(Subjects.StartManualSetup)
  startManual(request: StartManualSetupRequest): Promise<SetupView> {
    return this.manual.start(request);
  }

  @RpcHandler(Subjects.StartConsentSetup)
  startConsent(request: StartConsentSetupRequest): Promise<SetupView> {
    return this.consent.start(request);
  }

  @RpcHandler(Subjects.CompleteConsent)
  completeConsent(request: CompleteConsentRequest): Promise<SetupView> {
    return this.consent.complete(request);
  }

  @RpcHandler(Subjects.GetSetup)
  get(request: InstanceSetupRef): Promise<SetupView> {
    return this.coordinator.current(request.instanceAlias);
  }
}
