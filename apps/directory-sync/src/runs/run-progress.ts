import { Logger } from '@nestjs/common';
import { Events, type SyncRunProgressEvent } from '@archive365/contracts';
import type { EventPublisher } from '@archive365/messaging';

/**
 * Progress events for the console's progress bar: at most one every half second per run (the last
 * one of a phase always goes). Best effort: a lost progress event is harmless, so failures are logged.
 */
export class RunProgress {
  private readonly logger = new Logger(RunProgress.name);
  private lastAt = 0;

  constructor(
    private readonly events: EventPublisher,
    private readonly runId: string,
    private readonly instanceAlias: string,
  ) {}

  /** Sends a progress event unless one went less than half a second ago; answers whether it sent. */
  report(phase: SyncRunProgressEvent['phase'], done: number, total?: number, force = false): boolean {
    const now = Date.now();
    if (!force && now - this.lastAt < 500) return false;
    this.lastAt = now;
    this.events
      .publish(Events.SyncRunProgress, {
        runId: this.runId,
        instanceAlias: this.instanceAlias,
        phase,
        done,
        ...(total === undefined ? {} : { total }),
      })
      .catch((error: unknown) =>
        this.logger.warn({ err: error, runId: this.runId }, 'progress event not sent'),
      );
    return true;
  }
}
