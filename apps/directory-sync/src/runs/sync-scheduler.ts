import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DIRECTORY_SYNC_CONFIG, type DirectorySyncConfig } from '../app/directory-sync.config';
import { DirectorySyncError } from '../errors/directory-sync.error';
import { SyncProfilesRepository } from '../sync-profiles/sync-profiles.repository';
import { SyncRunner } from './sync-runner';
import { SyncRunsRepository } from './sync-runs.repository';

/**
 * Every tick, on every replica: recover runs a stopped replica left behind, and start the automatic
 * runs that are due (a delta when possible). The run lease makes sure only one replica runs each.
 */
@Injectable()
export class SyncScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SyncScheduler.name);
  private timer?: NodeJS.Timeout;
  private ticking = false;

  constructor(
    @Inject(DIRECTORY_SYNC_CONFIG) private readonly config: DirectorySyncConfig,
    private readonly profiles: SyncProfilesRepository,
    private readonly runs: SyncRunsRepository,
    private readonly runner: SyncRunner,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.SYNC_SCHEDULER_TICK_MS);
    this.timer.unref();
    void this.tick();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await this.runner.recover();
      for (const profile of await this.profiles.withSchedule()) {
        if (!profile.credentialId) continue;
        const last = await this.runs.lastFinished(profile.instanceId);
        // A held run waits for its administrator; piling more held runs behind it helps nobody.
        if (last?.state === 'held') continue;
        if (last && Date.now() - Date.parse(last.startedAt) < profile.scheduleMinutes * 60_000) continue;
        await this.runner
          .start(profile, profile.deltaLink ? 'delta' : 'full', 'schedule')
          .catch((error: unknown) => {
            if (!(error instanceof DirectorySyncError)) throw error;
          });
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'scheduler tick failed; the next one tries again');
    } finally {
      this.ticking = false;
    }
  }
}
