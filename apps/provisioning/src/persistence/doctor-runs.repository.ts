import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DoctorRunView } from '@archive365/contracts';
import { DataSource } from 'typeorm';
import { DoctorRun } from './doctor-run.entity';

/** Owns `doctor_runs`. */
@Injectable()
export class DoctorRunsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(run: DoctorRunView): Promise<void> {
    await this.dataSource.getRepository(DoctorRun).insert({
      id: run.id,
      instanceAlias: run.instanceAlias,
      credentialId: run.credentialId,
      ok: run.ok,
      checks: run.checks,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
    });
  }

  async latestFor(instanceAlias: string): Promise<DoctorRunView | undefined> {
    const row = await this.dataSource
      .getRepository(DoctorRun)
      .findOne({ where: { instanceAlias }, order: { finishedAt: 'DESC' } });
    return row
      ? {
          id: row.id,
          instanceAlias: row.instanceAlias,
          credentialId: row.credentialId,
          ok: row.ok,
          checks: row.checks,
          startedAt: row.startedAt,
          finishedAt: row.finishedAt,
        }
      : undefined;
  }
}
