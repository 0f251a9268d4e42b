import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PlainProblem, RenewalStep, RenewalView } from '@archive365/contracts';
import { DataSource } from 'typeorm';
import { Renewal } from './renewal.entity';

/** Owns `renewals`. */
@Injectable()
export class RenewalsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Inserts the renewal unless one of its credential is running, and answers the running one:
   * when two starts race, the unique index on the credential's running renewal decides and both
   * answer the winner. `began` tells the winner from the others.
   */
  async beginUnlessRunning(
    renewal: Pick<Renewal, 'id' | 'credentialId' | 'instanceAlias' | 'applicationObjectId' | 'trigger'>,
  ): Promise<{ renewal: Renewal; began: boolean }> {
    const now = new Date().toISOString();
    const row = this.dataSource.getRepository(Renewal).create({
      ...renewal,
      state: 'running',
      step: 'create-certificate',
      oldCertificateId: null,
      newCertificateId: null,
      newKeyId: null,
      problem: null,
      attempts: 0,
      startedAt: now,
      updatedAt: now,
      finishedAt: null,
    });
    try {
      await this.dataSource.getRepository(Renewal).insert(row);
      return { renewal: row, began: true };
    } catch (error) {
      const winner = await this.runningOf(renewal.credentialId);
      if (!winner) throw error;
      return { renewal: winner, began: false };
    }
  }

  /** The credential's running renewal: there is at most one (a unique index). */
  runningOf(credentialId: string): Promise<Renewal | null> {
    return this.dataSource.getRepository(Renewal).findOneBy({ credentialId, state: 'running' });
  }

  latestOf(credentialId: string): Promise<Renewal | null> {
    return this.dataSource
      .getRepository(Renewal)
      .findOne({ where: { credentialId }, order: { startedAt: 'DESC' } });
  }

  byId(id: string): Promise<Renewal | null> {
    return this.dataSource.getRepository(Renewal).findOneBy({ id });
  }

  /** Renewals still running (a crash or restart left them): the sweeper resumes them. */
  running(): Promise<Renewal[]> {
    return this.dataSource.getRepository(Renewal).findBy({ state: 'running' });
  }

  /** Records that `step` is next, with what the previous step learned; done before `step` starts. */
  async advance(
    id: string,
    step: RenewalStep | 'done',
    learned: Partial<Pick<Renewal, 'oldCertificateId' | 'newCertificateId' | 'newKeyId'>> = {},
  ): Promise<void> {
    const now = new Date().toISOString();
    await this.dataSource.getRepository(Renewal).update(
      { id },
      {
        ...learned,
        step,
        problem: null,
        updatedAt: now,
        ...(step === 'done' ? { state: 'succeeded' as const, finishedAt: now } : {}),
      },
    );
  }

  async intendKeyId(id: string, newKeyId: string): Promise<void> {
    await this.dataSource
      .getRepository(Renewal)
      .update({ id }, { newKeyId, updatedAt: new Date().toISOString() });
  }

  async countAttempt(id: string): Promise<void> {
    await this.dataSource.getRepository(Renewal).increment({ id }, 'attempts', 1);
  }

  async fail(id: string, problem: PlainProblem): Promise<void> {
    const now = new Date().toISOString();
    await this.dataSource
      .getRepository(Renewal)
      .update({ id }, { state: 'failed', problem, updatedAt: now, finishedAt: now });
  }

  /**
   * Puts a failed renewal back to running at the step that failed (the administrator fixed the
   * cause), unless another renewal of its credential runs: then that one is answered.
   */
  async retryUnlessRunning(failed: Renewal): Promise<{ renewal: Renewal; began: boolean }> {
    const updatedAt = new Date().toISOString();
    let retried = false;
    try {
      const result = await this.dataSource
        .getRepository(Renewal)
        .update(
          { id: failed.id, state: 'failed' },
          { state: 'running', problem: null, finishedAt: null, updatedAt },
        );
      retried = result.affected === 1;
    } catch (error) {
      if (!(await this.runningOf(failed.credentialId))) throw error;
    }
    if (retried) {
      return {
        renewal: { ...failed, state: 'running', problem: null, finishedAt: null, updatedAt },
        began: true,
      };
    }
    // Another start retried it first (or began another renewal of the credential): answer that one.
    const winner = (await this.runningOf(failed.credentialId)) ?? (await this.byId(failed.id));
    return { renewal: winner ?? failed, began: false };
  }

  static view(row: Renewal): RenewalView {
    return {
      id: row.id,
      credentialId: row.credentialId,
      ...(row.instanceAlias ? { instanceAlias: row.instanceAlias } : {}),
      state: row.state,
      step: row.step,
      trigger: row.trigger,
      ...(row.oldCertificateId ? { oldCertificateId: row.oldCertificateId } : {}),
      ...(row.newCertificateId ? { newCertificateId: row.newCertificateId } : {}),
      ...(row.problem ? { problem: row.problem } : {}),
      attempts: row.attempts,
      startedAt: row.startedAt,
      updatedAt: row.updatedAt,
      ...(row.finishedAt ? { finishedAt: row.finishedAt } : {}),
    };
  }
}
