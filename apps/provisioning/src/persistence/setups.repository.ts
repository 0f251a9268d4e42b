import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DeviceCodePrompt,
  EffectiveSetupOptions,
  PlainProblem,
  SetupMode,
  SetupState,
  SetupStepState,
  SetupView,
} from '@archive365/contracts';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { SetupStep } from './setup-step.entity';
import { Setup } from './setup.entity';

export interface StepPlan {
  name: string;
  title: string;
}

export interface StepOutcome {
  state: SetupStepState;
  changed: boolean;
  detail?: string;
  problem?: PlainProblem;
  /** Graph writes the step made (added to the setup's count). */
  writes?: number;
}

/** What is known about the tenant side as a setup goes; saved as soon as it is learned. */
export type SetupFacts = Partial<
  Pick<Setup, 'credentialId' | 'tenantId' | 'clientId' | 'applicationObjectId' | 'consentUrl'>
>;

const ACTIVE_STATES: SetupState[] = ['running', 'waiting-for-sign-in', 'waiting-for-consent'];

/** Owns `setups` and `setup_steps`. */
@Injectable()
export class SetupsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async begin(
    setup: Pick<Setup, 'id' | 'instanceAlias' | 'mode' | 'state'> & {
      options: EffectiveSetupOptions;
    } & SetupFacts,
    steps: StepPlan[],
  ): Promise<Setup> {
    const now = new Date().toISOString();
    return this.dataSource.transaction(async (manager) => {
      const row = manager.getRepository(Setup).create({
        credentialId: null,
        tenantId: null,
        clientId: null,
        applicationObjectId: null,
        signIn: null,
        consentStateHash: null,
        consentUrl: null,
        problem: null,
        graphWrites: 0,
        finishedAt: null,
        ...setup,
        startedAt: now,
        updatedAt: now,
      });
      await manager.getRepository(Setup).insert(row);
      await manager.getRepository(SetupStep).insert(
        steps.map((step, position) => ({
          setupId: setup.id,
          name: step.name,
          title: step.title,
          position,
          state: 'pending' as const,
          changed: false,
          detail: null,
          problem: null,
          updatedAt: now,
        })),
      );
      return row;
    });
  }

  latestFor(instanceAlias: string): Promise<Setup | null> {
    return this.dataSource
      .getRepository(Setup)
      .findOne({ where: { instanceAlias }, order: { startedAt: 'DESC' } });
  }

  /** Setups that were running or waiting: after a restart, each is resumed or marked interrupted. */
  unfinished(): Promise<Setup[]> {
    return this.dataSource.getRepository(Setup).findBy({ state: In(ACTIVE_STATES) });
  }

  byId(id: string): Promise<Setup | null> {
    return this.dataSource.getRepository(Setup).findOneBy({ id });
  }

  byConsentStateHash(hash: string): Promise<Setup | null> {
    return this.dataSource.getRepository(Setup).findOneBy({ consentStateHash: hash });
  }

  /** The app registration last set up for a credential (renewal needs its object id). */
  lastApplicationOf(credentialId: string): Promise<Setup | null> {
    return this.dataSource.getRepository(Setup).findOne({
      where: { credentialId, applicationObjectId: Not(IsNull()) },
      order: { startedAt: 'DESC' },
    });
  }

  async learn(id: string, facts: SetupFacts): Promise<void> {
    await this.dataSource
      .getRepository(Setup)
      .update({ id }, { ...facts, updatedAt: new Date().toISOString() });
  }

  async waitForSignIn(id: string, prompt: DeviceCodePrompt): Promise<void> {
    await this.dataSource
      .getRepository(Setup)
      .update({ id }, { state: 'waiting-for-sign-in', signIn: prompt, updatedAt: new Date().toISOString() });
  }

  async waitForConsent(id: string, stateHash: string, consentUrl: string): Promise<void> {
    await this.dataSource.getRepository(Setup).update(
      { id },
      {
        state: 'waiting-for-consent',
        consentStateHash: stateHash,
        consentUrl,
        updatedAt: new Date().toISOString(),
      },
    );
  }

  /**
   * Takes the consent state out of use: true for exactly one caller, so a replayed return does nothing.
   */
  async useConsentState(id: string, stateHash: string): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(Setup)
      .update(
        { id, consentStateHash: stateHash, state: 'waiting-for-consent' },
        { state: 'running', consentStateHash: null, updatedAt: new Date().toISOString() },
      );
    return (result.affected ?? 0) === 1;
  }

  async markRunning(id: string): Promise<void> {
    await this.dataSource
      .getRepository(Setup)
      .update({ id }, { state: 'running', signIn: null, updatedAt: new Date().toISOString() });
  }

  async recordStep(setupId: string, name: string, outcome: StepOutcome): Promise<void> {
    const now = new Date().toISOString();
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(SetupStep).update(
        { setupId, name },
        {
          state: outcome.state,
          changed: outcome.changed,
          detail: outcome.detail ?? null,
          problem: outcome.problem ?? null,
          updatedAt: now,
        },
      );
      if (outcome.writes) {
        await manager.getRepository(Setup).increment({ id: setupId }, 'graphWrites', outcome.writes);
      }
      await manager.getRepository(Setup).update({ id: setupId }, { updatedAt: now });
    });
  }

  async finish(
    id: string,
    state: 'succeeded' | 'failed' | 'interrupted',
    problem?: PlainProblem,
  ): Promise<void> {
    const now = new Date().toISOString();
    await this.dataSource.getRepository(Setup).update(
      { id },
      {
        state,
        problem: problem ?? null,
        signIn: null,
        consentStateHash: null,
        updatedAt: now,
        finishedAt: now,
      },
    );
  }

  async view(setup: Setup): Promise<SetupView> {
    const steps = await this.dataSource
      .getRepository(SetupStep)
      .find({ where: { setupId: setup.id }, order: { position: 'ASC' } });
    return {
      id: setup.id,
      instanceAlias: setup.instanceAlias,
      mode: setup.mode as SetupMode,
      state: setup.state,
      options: setup.options,
      ...(setup.credentialId ? { credentialId: setup.credentialId } : {}),
      ...(setup.tenantId ? { tenantId: setup.tenantId } : {}),
      ...(setup.clientId ? { clientId: setup.clientId } : {}),
      ...(setup.applicationObjectId ? { applicationObjectId: setup.applicationObjectId } : {}),
      ...(setup.signIn ? { signIn: setup.signIn } : {}),
      ...(setup.consentUrl && setup.state === 'waiting-for-consent' ? { consentUrl: setup.consentUrl } : {}),
      steps: steps.map((step) => ({
        name: step.name,
        title: step.title,
        state: step.state,
        changed: step.changed,
        ...(step.detail ? { detail: step.detail } : {}),
        ...(step.problem ? { problem: step.problem } : {}),
      })),
      graphWrites: setup.graphWrites,
      ...(setup.problem ? { problem: setup.problem } : {}),
      startedAt: setup.startedAt,
      updatedAt: setup.updatedAt,
      ...(setup.finishedAt ? { finishedAt: setup.finishedAt } : {}),
    };
  }
}
