import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Sql, type SqlValue } from '../database/sql.repository';
import type { StagedUser } from './staged-user';

const COLUMNS = [
  'run_id',
  'oid',
  'action',
  'user_name',
  'display_name',
  'primary_address',
  'aliases',
  'included',
  'reasons',
  'attrs_hash',
  'new_user_id',
  'new_archive_id',
  'archive_id',
  'source',
  'changes',
] as const;
/** SQLite allows 32,766 bound values per statement. */
const SQLITE_ROWS_PER_INSERT = 2000;

function values(runId: string, user: StagedUser): SqlValue[] {
  return [
    runId,
    user.oid,
    user.included ? 'create' : 'excluded',
    user.userName,
    user.displayName,
    user.primaryAddress,
    JSON.stringify(user.aliases),
    user.included ? 1 : 0,
    JSON.stringify(user.reasons),
    user.attrsHash,
    user.newUserId,
    user.newArchiveId,
    user.newArchiveId,
    user.source,
    '[]',
  ];
}

/** COPY text format: backslash, tab and line breaks escaped. */
function copyField(value: SqlValue): string {
  if (value === null) return '\\N';
  return String(value).replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/**
 * Writes a run's directory read into `sync_plan_items`, page by page as it arrives, so memory does not
 * grow with the tenant: COPY on PostgreSQL, multi-row INSERTs in one transaction per page on SQLite.
 * A replayed user (delta pages may repeat one) keeps its last version.
 */
@Injectable()
export class PlanStagingRepository {
  constructor(private readonly sql: Sql) {}

  async stage(runId: string, users: StagedUser[]): Promise<void> {
    if (users.length === 0) return;
    const unique = [...new Map(users.map((user) => [user.oid, user])).values()];
    // A user already staged by an earlier page of this run (delta replays) is replaced.
    if (this.sql.dialect === 'postgres') await this.copy(runId, unique);
    else await this.insertBatches(runId, unique);
  }

  /** Delta runs may see a user on two pages; the first read loses. */
  async dropStaged(runId: string, oids: string[]): Promise<void> {
    for (let i = 0; i < oids.length; i += 500) {
      const slice = oids.slice(i, i + 500);
      await this.sql.execute(
        `DELETE FROM sync_plan_items WHERE run_id = ? AND oid IN (${slice.map(() => '?').join(',')})`,
        [runId, ...slice],
      );
    }
  }

  async dropRun(runId: string): Promise<void> {
    await this.sql.execute(`DELETE FROM sync_plan_items WHERE run_id = ?`, [runId]);
  }

  private async copy(runId: string, users: StagedUser[]): Promise<void> {
    const runner = this.sql.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      const text = users.map((user) => values(runId, user).map(copyField).join('\t')).join('\n') + '\n';
      const stream = client.query(copyFrom(`COPY sync_plan_items (${COLUMNS.join(', ')}) FROM STDIN`));
      await pipeline(Readable.from([text]), stream);
    } finally {
      await runner.release();
    }
  }

  private async insertBatches(runId: string, users: StagedUser[]): Promise<void> {
    await this.sql.transaction(async (manager) => {
      for (let i = 0; i < users.length; i += SQLITE_ROWS_PER_INSERT) {
        const slice = users.slice(i, i + SQLITE_ROWS_PER_INSERT);
        const row = `(${COLUMNS.map(() => '?').join(',')})`;
        await this.sql.execute(
          `INSERT INTO sync_plan_items (${COLUMNS.join(', ')}) VALUES ${slice.map(() => row).join(',')}`,
          slice.flatMap((user) => values(runId, user)),
          manager,
        );
      }
    });
  }
}
