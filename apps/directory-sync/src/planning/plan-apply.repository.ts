import { Injectable } from '@nestjs/common';
import type { ArchivePrivilege, PlanCounts } from '@archive365/contracts';
import type { EntityManager } from 'typeorm';
import { Sql } from '../database/sql.repository';
import { ARCHIVE_USER_COLUMNS, createdArchiveUser } from './archive-user-insert';
import { ARCHIVE_USERS_KEYS } from './planner-statistics';

/** Users whose addresses change, read and written per statement. */
const ADDRESS_SLICE = 2000;

export interface ApplyContext {
  runId: string;
  instanceId: string;
  tenantId: string;
  privileges: ArchivePrivilege[];
  /**
   * The plan's counts (relinks counted as updates): a kind of change the plan has none of costs no
   * statement, and after a bulk write the planner's statistics are refreshed.
   */
  counts: Pick<PlanCounts, 'create' | 'update' | 'disable' | 'delete'>;
}

/**
 * Carries a computed plan out on `archive_users`, set-based and in one transaction with the run's state
 * change: either the whole plan is applied or nothing is. Never an entity per user.
 */
@Injectable()
export class PlanApplyRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * Applies the plan and, in the same transaction, `alongside` (the run's move to its next state): a
   * crash leaves either both or neither.
   */
  async apply(context: ApplyContext, alongside: (m: EntityManager) => Promise<void>): Promise<void> {
    await this.sql.transaction(async (m) => {
      await this.applyWithin(context, m);
      await alongside(m);
    });
    const { create, update, disable, delete: deleted } = context.counts;
    if (create + update + disable + deleted >= 5000) await this.sql.analyze(ARCHIVE_USERS_KEYS);
  }

  private async applyWithin(context: ApplyContext, m: EntityManager): Promise<void> {
    const { runId, counts } = context;
    const now = new Date().toISOString();
    if (counts.create > 0) await this.insertCreates(context, now, m);
    if (counts.update > 0) {
      await this.keepFormerAddresses(runId, m);
      // A user whose archive was deleted and who is back in scope gets a new archive.
      await this.sql.execute(
        `UPDATE archive_users SET oid = p.oid, user_name = p.user_name, display_name = p.display_name,
                primary_address = p.primary_address, aliases = p.aliases, attrs_hash = p.attrs_hash,
                archive_id = p.archive_id,
                archive_deleted_at = NULL, state = 'active', updated_at = ?
           FROM sync_plan_items p
          WHERE p.run_id = ? AND p.action IN ('update', 'relink') AND archive_users.id = p.archive_user_id`,
        [now, runId],
        m,
      );
    }
    if (counts.disable > 0) {
      await this.sql.execute(
        `UPDATE archive_users SET state = 'disabled', updated_at = ?
          WHERE id IN (SELECT p.archive_user_id FROM sync_plan_items p WHERE p.run_id = ? AND p.action = 'disable')`,
        [now, runId],
        m,
      );
    }
    if (counts.delete > 0) {
      await this.sql.execute(
        `UPDATE archive_users SET state = 'deleted', archive_deleted_at = ?, updated_at = ?
          WHERE id IN (SELECT p.archive_user_id FROM sync_plan_items p WHERE p.run_id = ? AND p.action = 'delete')`,
        [now, now, runId],
        m,
      );
    }
  }

  private async insertCreates(context: ApplyContext, now: string, m: EntityManager): Promise<void> {
    const { runId, instanceId, tenantId } = context;
    // No ON CONFLICT: a create is planned only for an oid without an archive user, and the lease keeps
    // other runs out, so a conflict is a fault that must roll the run back, not a row to skip silently
    // (the event would announce a user that was never created). In oid order: the (instance, oid) index
    // is then filled left to right instead of at random.
    await this.sql.execute(
      `INSERT INTO archive_users (${ARCHIVE_USER_COLUMNS})
       SELECT ${createdArchiveUser('p.')}
         FROM sync_plan_items p
        WHERE p.run_id = ? AND p.action = 'create'
        ORDER BY p.oid`,
      [instanceId, tenantId, JSON.stringify(context.privileges), now, now, runId],
      m,
    );
  }

  /**
   * A rename keeps the addresses the user had: old mail still maps to its owner. Only users whose
   * addresses change are read (renames are few); what they keep is written back one statement per slice.
   */
  private async keepFormerAddresses(runId: string, m: EntityManager): Promise<void> {
    // A slice at a time by oid: a domain rename changes everyone's addresses.
    let after = '';
    for (;;) {
      const rows = await this.addressChanges(runId, after, m);
      if (rows.length === 0) return;
      after = rows[rows.length - 1]?.oid ?? after;
      const kept = rows.map((row): [string, string] => {
        const current = new Set([row.new_primary, ...(JSON.parse(row.new_aliases) as string[])]);
        const former = new Set(JSON.parse(row.former_addresses) as string[]);
        for (const address of [row.primary_address, ...(JSON.parse(row.aliases) as string[])])
          former.add(address);
        return [row.id, JSON.stringify([...former].filter((address) => !current.has(address)).sort())];
      });
      await this.storeFormerAddresses(kept, m);
      if (rows.length < ADDRESS_SLICE) return;
    }
  }

  /** One statement per slice on PostgreSQL (the slice as one JSON parameter); SQLite takes 500 at a time. */
  private async storeFormerAddresses(kept: [string, string][], m: EntityManager): Promise<void> {
    if (this.sql.dialect === 'postgres') {
      await this.sql.execute(
        `UPDATE archive_users SET former_addresses = v.former
           FROM json_to_recordset(?::json) AS v(id text, former text)
          WHERE archive_users.id = v.id`,
        [JSON.stringify(kept.map(([id, former]) => ({ id, former })))],
        m,
      );
      return;
    }
    for (let i = 0; i < kept.length; i += 500) {
      const slice = kept.slice(i, i + 500);
      await this.sql.execute(
        `WITH v(id, former) AS (VALUES ${slice.map(() => '(?, ?)').join(', ')})
         UPDATE archive_users SET former_addresses = v.former FROM v WHERE archive_users.id = v.id`,
        slice.flat(),
        m,
      );
    }
  }

  private async addressChanges(runId: string, after: string, m: EntityManager) {
    return this.sql.query<{
      oid: string;
      id: string;
      primary_address: string;
      aliases: string;
      former_addresses: string;
      new_primary: string;
      new_aliases: string;
    }>(
      `SELECT p.oid, a.id, a.primary_address, a.aliases, a.former_addresses, p.primary_address AS new_primary,
              p.aliases AS new_aliases
         FROM sync_plan_items p JOIN archive_users a ON a.id = p.archive_user_id
        WHERE p.run_id = ? AND p.action IN ('update', 'relink') AND p.oid > ?
          AND (a.aliases <> p.aliases OR a.primary_address <> p.primary_address)
        ORDER BY p.oid LIMIT ?`,
      [runId, after, ADDRESS_SLICE],
      m,
    );
  }
}
