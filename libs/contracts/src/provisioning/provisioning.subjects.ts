import { eventSubject } from '../events/event-subject';
import { rpcSubject } from '../rpc/subject';
import {
  LastDoctorRunRequest,
  RunDoctorRequest,
  type DoctorRunView,
  type LastDoctorRunReply,
} from './doctor.dto';
import { GuideRequest, type GuideView } from './guide.dto';
import { DoctorFinishedEvent, RenewalProgressEvent, SetupProgressEvent } from './provisioning-events.dto';
import { RenewalRef, StartRenewalRequest, type RenewalView } from './renewal.dto';
import {
  CompleteConsentRequest,
  InstanceSetupRef,
  StartAutomaticSetupRequest,
  StartConsentSetupRequest,
  StartManualSetupRequest,
  type SetupView,
} from './setup.dto';

/** Served by the provisioning service. */
export const ProvisioningSubjects = {
  /** Starts (or repairs) the per-tenant app; answers at once, `waiting-for-sign-in` with the device code. */
  StartAutomaticSetup: rpcSubject<StartAutomaticSetupRequest, SetupView>(
    'provisioning.setups.start-automatic',
    StartAutomaticSetupRequest,
  ),
  StartManualSetup: rpcSubject<StartManualSetupRequest, SetupView>(
    'provisioning.setups.start-manual',
    StartManualSetupRequest,
  ),
  /** Answers `waiting-for-consent` with the instance's admin consent URL. */
  StartConsentSetup: rpcSubject<StartConsentSetupRequest, SetupView>(
    'provisioning.setups.start-consent',
    StartConsentSetupRequest,
  ),
  /** The browser's return from Microsoft's admin consent page, forwarded as received. */
  CompleteConsent: rpcSubject<CompleteConsentRequest, SetupView>(
    'provisioning.setups.complete-consent',
    CompleteConsentRequest,
    { callers: ['admin-api', 'auth-gateway'] },
  ),
  /**
   * The instance's latest setup: state, steps, device code prompt or consent URL. Directory sync reads
   * the customer's tenant of a consent-link instance from it when the provider credential is assigned.
   */
  GetSetup: rpcSubject<InstanceSetupRef, SetupView>('provisioning.setups.get', InstanceSetupRef, {
    callers: ['admin-api', 'directory-sync'],
  }),
  Guide: rpcSubject<GuideRequest, GuideView>('provisioning.guide.get', GuideRequest),
  RunDoctor: rpcSubject<RunDoctorRequest, DoctorRunView>('provisioning.doctor.run', RunDoctorRequest),
  LastDoctorRun: rpcSubject<LastDoctorRunRequest, LastDoctorRunReply>(
    'provisioning.doctor.last',
    LastDoctorRunRequest,
  ),
  /** Renews the credential's certificate on its app registration now (also started by `credential.expiring`). */
  StartRenewal: rpcSubject<StartRenewalRequest, RenewalView>(
    'provisioning.renewals.start',
    StartRenewalRequest,
  ),
  GetRenewal: rpcSubject<RenewalRef, RenewalView>('provisioning.renewals.get', RenewalRef),
} as const;

export const ProvisioningEvents = {
  SetupProgress: eventSubject<SetupProgressEvent>('provisioning.setup.progress', SetupProgressEvent, {
    publisher: 'provisioning',
  }),
  DoctorFinished: eventSubject<DoctorFinishedEvent>('provisioning.doctor.finished', DoctorFinishedEvent, {
    publisher: 'provisioning',
  }),
  RenewalProgress: eventSubject<RenewalProgressEvent>('provisioning.renewal.progress', RenewalProgressEvent, {
    publisher: 'provisioning',
  }),
} as const;
