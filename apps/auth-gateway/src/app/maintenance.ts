import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DialogResultsRepository } from '../addin/dialog-results.repository';
import { SpentTokensRepository } from '../sessions/spent-tokens.repository';
import { SignInAttemptsRepository } from '../sign-in/sign-in-attempts.repository';

const EVERY_MS = 60_000;

/** Removes expired sign-in attempts, spent-token markers and dialog results (any replica may). */
@Injectable()
export class ExpiredRowsPurge implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ExpiredRowsPurge.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly attempts: SignInAttemptsRepository,
    private readonly spent: SpentTokensRepository,
    private readonly dialogResults: DialogResultsRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.purge(), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async purge(now = Date.now()): Promise<void> {
    try {
      await this.attempts.purgeExpired(now);
      await this.spent.purgeExpired(now);
      await this.dialogResults.purgeExpired(now);
    } catch (error) {
      this.logger.warn({ err: error }, 'purging expired rows failed; the next run tries again');
    }
  }
}
