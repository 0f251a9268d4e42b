import { Injectable, Logger } from '@nestjs/common';
import { Events } from '@archive365/contracts';
import { EventPublisher } from '@archive365/messaging';
import type { Setup } from '../persistence/setup.entity';

/** Progress and outcome of setups as durable events (the console and the audit log follow them). */
@Injectable()
export class SetupEvents {
  private readonly logger = new Logger(SetupEvents.name);

  constructor(private readonly events: EventPublisher) {}

  /** Never fails the setup: a lost progress event is logged; the setup's row stays the truth. */
  async progress(setup: Setup, state: Setup['state'], step?: string, problemCode?: string): Promise<void> {
    try {
      await this.events.publish(Events.SetupProgress, {
        setupId: setup.id,
        instanceAlias: setup.instanceAlias,
        mode: setup.mode,
        state,
        graphWrites: setup.graphWrites,
        ...(step ? { step } : {}),
        ...(problemCode ? { problemCode } : {}),
      });
    } catch (error) {
      this.logger.warn({ err: error, setupId: setup.id }, 'Could not publish setup progress');
    }
  }
}
