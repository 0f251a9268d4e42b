import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { effectiveSetupOptions, type SetupView, type StartManualSetupRequest } from '@archive365/contracts';
import { DoctorService } from '../doctor/doctor.service';
import { ProvisioningError, ProvisioningErrorCode } from '../errors/provisioning.error';
import { SetupsRepository } from '../persistence/setups.repository';
import { CredentialsClient } from '../platform/credentials.client';
import { SetupCoordinator } from './setup-coordinator';
import { SetupEvents } from './setup-events';

const MANUAL_STEPS = [
  { name: 'guide', title: "The administrator follows the instance's guide" },
  { name: 'doctor', title: 'The checks verify the app registration' },
];

/**
 * The manual guide as a setup: the administrator did the steps by hand; the setup records the
 * credential (and the app's object id, for renewal) and succeeds when the doctor finds nothing wrong.
 */
@Injectable()
export class ManualSetupService {
  constructor(
    private readonly setups: SetupsRepository,
    private readonly coordinator: SetupCoordinator,
    private readonly credentials: CredentialsClient,
    private readonly doctor: DoctorService,
    private readonly events: SetupEvents,
  ) {}

  async start(request: StartManualSetupRequest): Promise<SetupView> {
    const credential = await this.credentials.credential(request.credentialId);
    if (credential.instanceAlias !== request.instanceAlias) {
      throw new ProvisioningError(
        ProvisioningErrorCode.StateConflict,
        `credential ${credential.id} belongs to instance "${credential.instanceAlias}"`,
        { field: 'credentialId', hint: 'use a credential of this instance' },
      );
    }
    await this.coordinator.claim(request.instanceAlias);
    try {
      const options = effectiveSetupOptions(request.options);
      const setup = await this.setups.begin(
        {
          id: randomUUID(),
          instanceAlias: request.instanceAlias,
          mode: 'manual',
          state: 'running',
          options,
          credentialId: credential.id,
          tenantId: credential.tenantId,
          clientId: credential.clientId,
          ...(request.applicationObjectId ? { applicationObjectId: request.applicationObjectId } : {}),
        },
        MANUAL_STEPS,
      );
      await this.setups.recordStep(setup.id, 'guide', {
        state: 'done',
        changed: false,
        detail: 'done by the administrator',
      });
      const run = await this.doctor.run({
        instanceAlias: request.instanceAlias,
        credentialId: credential.id,
        options,
      });
      const failed = run.checks.filter((check) => check.outcome === 'fail');
      const first = failed[0]?.problem;
      const problem = first
        ? {
            code: 'CHECKS_FAILED',
            message: `${failed.length} check(s) failed: ${failed.map((check) => check.title).join('; ')}. First: ${first.message}`,
            fix: first.fix,
          }
        : undefined;
      await this.setups.recordStep(setup.id, 'doctor', {
        state: problem ? 'failed' : 'done',
        changed: false,
        detail: `doctor run ${run.id}: ${run.checks.length - failed.length} of ${run.checks.length} checks without failure`,
        ...(problem ? { problem } : {}),
      });
      await this.setups.finish(setup.id, problem ? 'failed' : 'succeeded', problem);
      const finished = (await this.setups.byId(setup.id)) ?? setup;
      await this.events.progress(finished, finished.state, 'doctor', problem?.code);
      return this.setups.view(finished);
    } finally {
      await this.coordinator.release(request.instanceAlias);
    }
  }
}
