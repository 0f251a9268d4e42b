import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Events, type RenewalView, type StartRenewalRequest } from '@archive365/contracts';
import { EventPublisher } from '@archive365/messaging';
import { PROVISIONING_CONFIG, type ProvisioningConfig } from '../app/provisioning.config';
import { ProvisioningError, ProvisioningErrorCode } from '../errors/provisioning.error';
import { GraphSessions } from '../graph/graph-sessions';
import { LeasesRepository } from '../persistence/leases.repository';
import { RegisteredKeysRepository } from '../persistence/registered-keys.repository';
import type { Renewal } from '../persistence/renewal.entity';
import { RenewalsRepository } from '../persistence/renewals.repository';
import { SetupsRepository } from '../persistence/setups.repository';
import { CredentialsClient } from '../platform/credentials.client';
import { applicationObjectIdOf } from './application-object-id';
import { explainRenewalFailure } from './explain-renewal-failure';
import { RenewalBlocked, runRenewalStep } from './renewal-steps';
import { isTransient, MAX_TRANSIENT_ATTEMPTS } from './transient';

const renewalLease = (credentialId: string) => `renewal:${credentialId}`;

/**
 * Certificate renewal on the app registration, orchestrated here because the Graph writes to app
 * registrations live here; the keys stay in the credentials service, which signs the proofs. One
 * renewal per credential at a time across replicas: the database holds at most one running renewal
 * per credential (a unique index), and a lease keeps its run on one replica; every step is saved
 * before the next starts, and a renewal left running by a crash is resumed by whichever replica
 * sweeps first.
 */
@Injectable()
export class RenewalService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RenewalService.name);
  private readonly running = new Map<string, Promise<void>>();
  private stopping = false;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(PROVISIONING_CONFIG) private readonly config: ProvisioningConfig,
    private readonly renewals: RenewalsRepository,
    private readonly setups: SetupsRepository,
    private readonly keys: RegisteredKeysRepository,
    private readonly leases: LeasesRepository,
    private readonly credentials: CredentialsClient,
    private readonly graphs: GraphSessions,
    private readonly events: EventPublisher,
  ) {}

  onApplicationBootstrap(): void {
    const sweep = () =>
      void this.resumeAbandoned().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'Could not look for unfinished renewals'),
      );
    sweep();
    this.timer = setInterval(sweep, this.config.RENEWAL_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  /** Stops at the next step boundary; the renewal stays `running` and another replica (or this one after a restart) resumes it. */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await Promise.allSettled([...this.running.values()]);
  }

  async start(request: StartRenewalRequest, trigger: Renewal['trigger'] = 'request'): Promise<RenewalView> {
    const credential = await this.credentials.credential(request.credentialId);
    // The provider's multi-tenant app is renewed like an instance's, in the provider's own tenant.
    const instanceAlias = credential.owner === 'provider' ? null : (credential.instanceAlias ?? null);
    if (credential.owner !== 'provider' && !instanceAlias) {
      throw new Error(`credential ${credential.id} belongs to no instance and is not the provider's`);
    }
    const applicationObjectId = await applicationObjectIdOf(credential, request.applicationObjectId, {
      fromSetup: async (id) => (await this.setups.lastApplicationOf(id))?.applicationObjectId ?? undefined,
      fromEarlierRenewal: async (id) => (await this.renewals.latestOf(id))?.applicationObjectId,
      graphAsApp: (id) => this.graphs.asApp(id),
    });
    const lease = renewalLease(credential.id);
    if (!(await this.leases.acquire(lease, this.config.LEASE_TTL_MS))) {
      // Another replica (or this one) is at it: answer its renewal, once its row exists.
      return this.runningRenewal(credential.id);
    }
    try {
      const latest = await this.renewals.latestOf(credential.id);
      let started: { renewal: Renewal; began: boolean };
      let retried = false;
      if (latest?.state === 'running') {
        started = { renewal: latest, began: true };
      } else if (latest?.state === 'failed' && latest.problem?.code !== 'ROTATION_CHANGED') {
        started = await this.renewals.retryUnlessRunning(latest);
        retried = started.began && trigger === 'request';
      } else {
        started = await this.renewals.beginUnlessRunning({
          id: randomUUID(),
          credentialId: credential.id,
          instanceAlias,
          applicationObjectId,
          trigger,
        });
        if (started.began) await this.publish(started.renewal);
      }
      const { renewal, began } = started;
      if (began) {
        this.launch(renewal, retried);
      } else {
        // The database gave the credential's renewal to another start: it runs there, not here.
        await this.leases.release(lease);
      }
      return RenewalsRepository.view((await this.renewals.byId(renewal.id)) ?? renewal);
    } catch (error) {
      await this.leases.release(lease);
      throw error;
    }
  }

  async view(credentialId: string): Promise<RenewalView> {
    const latest = await this.renewals.latestOf(credentialId);
    if (!latest) {
      throw new ProvisioningError(
        ProvisioningErrorCode.RenewalNotFound,
        `credential ${credentialId} was never renewed`,
        {
          hint: 'start a renewal',
        },
      );
    }
    return RenewalsRepository.view(latest);
  }

  /** The renewal another caller holds the lease for: its row may be a moment behind its lease. */
  private async runningRenewal(credentialId: string): Promise<RenewalView> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const latest = await this.renewals.latestOf(credentialId);
      if (latest?.state === 'running') return RenewalsRepository.view(latest);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new ProvisioningError(
      ProvisioningErrorCode.AlreadyRunning,
      `a renewal of credential ${credentialId} is being started elsewhere`,
      { hint: 'look at it with GetRenewal in a moment' },
    );
  }

  /** Waits for this replica's run of a renewal (tests and graceful paths). */
  async settled(renewalId: string): Promise<void> {
    await this.running.get(renewalId);
  }

  /** Renewals left running by a crash or a restart, whose lease ran out: resumed here. */
  async resumeAbandoned(): Promise<void> {
    if (this.stopping) return;
    for (const renewal of await this.renewals.running()) {
      if (this.running.has(renewal.id)) continue;
      if (!(await this.leases.acquire(renewalLease(renewal.credentialId), this.config.LEASE_TTL_MS)))
        continue;
      this.logger.log({ renewalId: renewal.id, step: renewal.step }, 'Resuming an unfinished renewal');
      this.launch(renewal, false);
    }
  }

  /** Runs the renewal in the background holding the lease this replica has just acquired. */
  private launch(renewal: Renewal, retriedByAdministrator: boolean): void {
    // Already running here (the sweep found it while its start was still saving it): one run is enough.
    if (this.running.has(renewal.id)) return;
    const done = this.leases
      .keep(renewalLease(renewal.credentialId), this.config.LEASE_TTL_MS, (lost) =>
        this.run(renewal.id, retriedByAdministrator, lost),
      )
      .catch((error: unknown) =>
        this.logger.error({ err: error, renewalId: renewal.id }, 'Renewal run failed'),
      )
      .finally(() => this.running.delete(renewal.id));
    this.running.set(renewal.id, done);
  }

  private async run(renewalId: string, retriedByAdministrator: boolean, lost: AbortSignal): Promise<void> {
    for (;;) {
      const renewal = await this.renewals.byId(renewalId);
      if (!renewal || renewal.state !== 'running' || renewal.step === 'done') return;
      if (this.stopping || lost.aborted) return;
      await this.renewals.countAttempt(renewal.id);
      try {
        const next = await runRenewalStep(renewal, {
          credentials: this.credentials,
          renewals: this.renewals,
          keys: this.keys,
          graph: this.graphs.asApp(renewal.credentialId),
          propagationWaitMs: this.config.PROPAGATION_WAIT_MS,
          retriedByAdministrator,
        });
        await this.publish((await this.renewals.byId(renewal.id)) ?? renewal);
        if (next === 'done') return;
      } catch (error) {
        if (this.stopping) return;
        if (isTransient(error) && renewal.attempts < MAX_TRANSIENT_ATTEMPTS) {
          // Left running: the next sweep (here or on another replica) runs the step again.
          this.logger.warn(
            { err: error, renewalId: renewal.id, step: renewal.step },
            'Renewal step interrupted; will retry',
          );
          return;
        }
        const problem =
          error instanceof RenewalBlocked
            ? error.problem
            : explainRenewalFailure(renewal.step, error, await this.context(renewal));
        this.logger.warn(
          { err: error, renewalId: renewal.id, step: renewal.step, code: problem.code },
          'Renewal stopped',
        );
        await this.renewals.fail(renewal.id, problem);
        await this.publish((await this.renewals.byId(renewal.id)) ?? renewal);
        return;
      }
    }
  }

  private async context(renewal: Renewal) {
    const credential = await this.credentials.credential(renewal.credentialId).catch(() => undefined);
    const thumbprint = (id: string | null) =>
      credential?.certificates.find((candidate) => candidate.id === id)?.thumbprintSha1;
    return {
      activeThumbprint: credential?.activeCertificate.thumbprintSha1,
      newThumbprint: thumbprint(renewal.newCertificateId),
      oldThumbprint: thumbprint(renewal.oldCertificateId),
    };
  }

  private async publish(renewal: Renewal): Promise<void> {
    await this.events
      .publish(Events.RenewalProgress, {
        renewalId: renewal.id,
        credentialId: renewal.credentialId,
        ...(renewal.instanceAlias ? { instanceAlias: renewal.instanceAlias } : {}),
        state: renewal.state,
        step: renewal.step,
        ...(renewal.problem ? { problemCode: renewal.problem.code } : {}),
      })
      .catch((error: unknown) =>
        this.logger.warn({ err: error, renewalId: renewal.id }, 'Could not publish renewal progress'),
      );
  }
}
