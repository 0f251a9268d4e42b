import { Injectable } from '@nestjs/common';
import type { ArchiveUserChange, ArchiveUserChangeKind } from '@archive365/contracts';
import { Sql } from '../database/sql';
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
    afterOid: string,
    size: number,
  ): Promise<{ lastOid: string; changes: ArchiveUserChange[] }> {
    const rows = await this.sql.query<{
      oid: string;
      action: StoredAction;
      changes: string;
      id: string;
      archive_id: string;
      tenant_id: string;
      user_name: string;
      display_name: string;
      primary_address: string;
      aliases: string;
    }>(
      `SELECT p.oid, p.action, p.changes, a.id, a.archive_id, a.tenant_id, a.user_name, a.display_name,
              a.primary_address, a.aliases
         FROM sync_plan_items p JOIN archive_users a ON a.id = COALESCE(p.archive_user_id, p.new_user_id)
        WHERE p.run_id = ? AND p.action IN ('create', 'update', 'relink', 'disable', 'delete') AND p.oid > ?
        ORDER BY p.oid LIMIT ?`,
      [runId, afterOid, size],
    );
    return {
      lastOid: rows.at(-1)?.oid ?? afterOid,
      changes: rows.map((row) => {
        const change = CHANGE[row.action] ?? 'updated';
        const revived = row.changes.includes('"from":"deleted"');
        return {
          change,
          archiveUserId: row.id,
          archiveId: row.archive_id,
          tenantId: row.tenant_id,
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
