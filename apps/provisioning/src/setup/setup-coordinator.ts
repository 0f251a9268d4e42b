import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { PlainProblem, SetupView } from '@archive365/contracts';
import { PROVISIONING_CONFIG, type ProvisioningConfig } from '../app/provisioning.config';
import { ProvisioningError, ProvisioningErrorCode } from '../errors/provisioning.error';
import { LeasesRepository } from '../persistence/leases.repository';
import type { Setup } from '../persistence/setup.entity';
import { SetupsRepository } from '../persistence/setups.repository';
import { SetupEvents } from './setup-events';

const INTERRUPTED: PlainProblem = {
  code: 'SETUP_INTERRUPTED',
  message:
    "The provisioning service stopped while this setup was running; the administrator's sign-in is kept in memory only, so it cannot continue by itself.",
  fix: 'Start the setup again: the steps already done are checked and not repeated.',
};

export const setupLease = (alias: string) => `setup:${alias}`;

/** A setup in one of these states has ended; the replica that ran it releases its lease right after. */
const ENDED: readonly Setup['state'][] = ['succeeded', 'failed', 'interrupted'];
/** How long a claim waits for the lease of a setup that has just ended, and how often it asks. */
const RELEASE_GRACE_MS = 2000;
const RELEASE_POLL_MS = 50;

/**
 * One setup per instance at a time across replicas, and the truth about setups a crash left behind:
 * a setup whose lease ran out is marked interrupted, with what to do.
 */
@Injectable()
export class SetupCoordinator implements OnApplicationBootstrap {
  private readonly logger = new Logger(SetupCoordinator.name);

  constructor(
    @Inject(PROVISIONING_CONFIG) private readonly config: ProvisioningConfig,
    private readonly setups: SetupsRepository,
    private readonly leases: LeasesRepository,
    private readonly events: SetupEvents,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const setup of await this.setups.unfinished()) {
      await this.settleIfAbandoned(setup).catch((error: unknown) =>
        this.logger.warn({ err: error, setupId: setup.id }, 'Could not settle an unfinished setup'),
      );
    }
  }

  /** Takes the instance's setup lease, or says who has it. A setup waiting for consent is replaced. */
  async claim(alias: string): Promise<void> {
    const latest = await this.setups.latestFor(alias);
    if (latest) await this.settleIfAbandoned(latest);
    if (!(await this.acquire(alias, latest))) {
      throw new ProvisioningError(
        ProvisioningErrorCode.AlreadyRunning,
        `a setup of instance "${alias}" is already running${latest ? ` (started ${latest.startedAt}, ${latest.state})` : ''}`,
        { hint: 'wait for it to finish (see its status), then start again if needed' },
      );
    }
    if (latest?.state === 'waiting-for-consent') {
      await this.setups.finish(latest.id, 'interrupted', {
        code: 'SETUP_REPLACED',
        message: 'A newer setup of this instance replaced this one; its consent link no longer works.',
        fix: 'Use the newer setup.',
      });
    }
  }

  /**
   * The instance's lease. A setup records that it ended a moment before its replica releases the lease:
   * a claim in that moment (an administrator who starts again as soon as the console shows the end)
   * waits for the release instead of answering that the ended setup is still running. A lease still
   * held after RELEASE_GRACE_MS belongs to a setup that is running.
   */
  private async acquire(alias: string, latest: Setup | null): Promise<boolean> {
    const deadline = Date.now() + (latest && ENDED.includes(latest.state) ? RELEASE_GRACE_MS : 0);
    for (;;) {
      if (await this.leases.acquire(setupLease(alias), this.config.LEASE_TTL_MS)) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, RELEASE_POLL_MS));
    }
  }

  release(alias: string): Promise<void> {
    return this.leases.release(setupLease(alias));
  }

  async current(alias: string): Promise<SetupView> {
    const latest = await this.setups.latestFor(alias);
    if (!latest) {
      throw new ProvisioningError(
        ProvisioningErrorCode.SetupNotFound,
        `instance "${alias}" has no setup yet`,
        {
          hint: 'start one: automatic, consent link or manual guide',
        },
      );
    }
    const settled = await this.settleIfAbandoned(latest);
    return this.setups.view(settled);
  }

  /** A running setup nobody holds any more (its replica died) becomes `interrupted`. */
  private async settleIfAbandoned(setup: Setup): Promise<Setup> {
    if (setup.state !== 'running' && setup.state !== 'waiting-for-sign-in') return setup;
    if (await this.leases.isHeld(setupLease(setup.instanceAlias))) return setup;
    await this.setups.finish(setup.id, 'interrupted', INTERRUPTED);
    const settled = (await this.setups.byId(setup.id)) ?? setup;
    await this.events.progress(settled, 'interrupted', undefined, INTERRUPTED.code);
    return settled;
  }
}
