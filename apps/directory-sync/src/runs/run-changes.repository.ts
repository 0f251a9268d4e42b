import { Injectable } from '@nestjs/common';
import type { ArchiveUserChange, ArchiveUserChangeKind } from '@archive365/contracts';
import { Sql } from '../database/sql.repository';
import type { StoredAction } from '../planning/plan.repository';

const CHANGE: Partial<Record<StoredAction, ArchiveUserChangeKind>> = {
  create: 'created',
  update: 'updated',
  relink: 'relinked',
  disable: 'disabled',
  delete: 'deleted',
};

/** Reads an applied run's changes in a stable order (by oid), a batch at a time, for its events. */
@Injectable()
export class RunChangesRepository {
  constructor(private readonly sql: Sql) {}

  async batchAfter(
    runId: string,
    tenantId: string,
    afterOid: string,
    size: number,
  ): Promise<{ lastOid: string; changes: ArchiveUserChange[] }> {
    // The plan row holds everything the event says (no join): one range of the primary key per batch.
    const rows = await this.sql.query<{
      oid: string;
      action: StoredAction;
      changes: string;
      archive_user_id: string | null;
      new_user_id: string;
      archive_id: string;
      user_name: string;
      display_name: string;
      primary_address: string;
      aliases: string;
    }>(
      `SELECT oid, action, changes, archive_user_id, new_user_id, archive_id, user_name, display_name,
              primary_address, aliases
         FROM sync_plan_items
        WHERE run_id = ? AND oid > ? AND action IN ('create', 'update', 'relink', 'disable', 'delete')
        ORDER BY oid LIMIT ?`,
      [runId, afterOid, size],
    );
    return {
      lastOid: rows.at(-1)?.oid ?? afterOid,
      changes: rows.map((row) => {
        const change = CHANGE[row.action] ?? 'updated';
        const revived = row.changes.includes('"from":"deleted"');
        return {
          change,
          archiveUserId: row.archive_user_id ?? row.new_user_id,
          archiveId: row.archive_id,
          tenantId,
          oid: row.oid,
          userName: row.user_name,
          displayName: row.display_name,
          primaryAddress: row.primary_address,
          aliases: JSON.parse(row.aliases) as string[],
          archiveCreated: change === 'created' || revived,
          archiveDeleted: change === 'deleted',
        };
      }),
    };
  }
}
