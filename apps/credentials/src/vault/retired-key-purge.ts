import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { loggableError } from '@archive365/messaging';
import { CREDENTIALS_CONFIG, type CredentialsConfig } from '../config';
import { CredentialsRepository } from '../store';

const DAY_MS = 86_400_000;

/**
 * Erases the sealed private keys of certificates retired more than RETIRED_KEY_GRACE_DAYS ago: a
 * retired certificate never signs again, and a key that no longer exists cannot leak. Runs at
 * start-up and then as often as the expiry check; any replica may run it (it is idempotent).
 */
@Injectable()
export class RetiredKeyPurge implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RetiredKeyPurge.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    @Inject(CREDENTIALS_CONFIG) private readonly config: CredentialsConfig,
    private readonly credentials: CredentialsRepository,
  ) {}

  onApplicationBootstrap(): void {
    const run = () => {
      this.running ??= this.purge()
        .catch((error: unknown) =>
          this.logger.error({ err: loggableError(error) }, 'Purging retired keys failed'),
        )
        .finally(() => (this.running = undefined));
    };
    run();
    this.timer = setInterval(run, this.config.EXPIRY_CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  /** Stops before the database closes, letting a purge under way finish. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Erases the keys whose grace period ended before `now`; answers how many. */
  async purge(now: Date = new Date()): Promise<number> {
    const purged = await this.credentials.purgeKeysRetiredBefore(
      new Date(now.getTime() - this.config.RETIRED_KEY_GRACE_DAYS * DAY_MS),
    );
    if (purged > 0) {
      this.logger.log(
        { purged },
        `Erased the private keys of ${purged} certificate(s) retired over ${this.config.RETIRED_KEY_GRACE_DAYS} days ago`,
      );
    }
    return purged;
  }
}
