import { Injectable } from '@nestjs/common';
import type { LeaverAction, PlanAction, PlanChange, PlanCounts, PlanItemView } from '@archive365/contracts';
import type { EntityManager } from 'typeorm';
import { jsonText, Sql, type Dialect, type SqlValue } from '../database/sql.repository';
import { ARCHIVE_USERS_KEYS, PLAN_ITEMS_KEYS } from './planner-statistics';

/** Stored actions: the public ones plus `relink` (a re-created user linked to the old archive user). */
export type StoredAction = PlanAction | 'relink';

interface PlanRow {
  oid: string;
  action: StoredAction;
  user_name: string;
  display_name: string;
  reasons: string;
  changes: string;
}

const SIGN: Record<PlanAction, PlanItemView['sign']> = {
  create: '+',
  update: '~',
  disable: '-',
  delete: '-',
  unchanged: '=',
  excluded: ' ',
  recreated: '?',
};

export interface PlanContext {
  runId: string;
  instanceId: string;
  leaverAction: LeaverAction;
  /** Computed before (a held run approved later): start from the staged verdicts again. */
  again?: boolean;
  /** Rows the read staged: after a bulk load the planner's statistics are refreshed first. */
  staged: number;
}

/** A staged user in scope whose archive user is active and the same: nothing to do. */
const UNCHANGED = `sync_plan_items.included = 1 AND a.state = 'active' AND a.attrs_hash = sync_plan_items.attrs_hash`;

/**
 * A plan row's "with what changes" as JSON, built by the database in the statement that plans it (reading
 * the rows back to compare them here, and writing each description with a second update, took about
 * half of the planning of a delta of 1,000 renames): each field that differs between the archive user
 * `a` and the plan row, in the order of `PlanChange`, the aliases as one text.
 */
function describedChanges(dialect: Dialect): string {
  const quoted = (sql: string) => jsonText(dialect, sql);
  const joined = (sql: string) =>
    dialect === 'postgres'
      ? `array_to_string(ARRAY(SELECT json_array_elements_text(${sql}::json)), ', ')`
      : `(SELECT group_concat(value, ', ' ORDER BY key) FROM json_each(${sql}))`;
  const change = (field: PlanChange['field'], from: string, to: string) =>
    `CASE WHEN ${from} <> ${to} THEN '{"field":"${field}","from":' || ${quoted(from)} || ',"to":' || ${quoted(to)} || '}' END`;
  const p = 'sync_plan_items';
  const changes = [
    change('oid', 'a.oid', `${p}.oid`),
    change('userName', 'a.user_name', `${p}.user_name`),
    change('displayName', 'a.display_name', `${p}.display_name`),
    change('primaryAddress', 'a.primary_address', `${p}.primary_address`),
    change('aliases', joined('a.aliases'), joined(`${p}.aliases`)),
    change('state', 'a.state', `CAST('active' AS TEXT)`),
  ];
  // concat_ws leaves out the fields that did not change (NULL).
  return `'[' || concat_ws(',', ${changes.join(', ')}) || ']'`;
}

/** Below this many rows, statistics from before the load still lead to good plans (and ANALYZE costs). */
const BULK_ROWS = 5000;

/**
 * Owns `sync_plan_items` after staging: turns a run's directory read into a plan against the archive
 * users, set-based (a handful of statements whatever the tenant's size), and serves it paged.
 */
@Injectable()
export class PlanRepository {
  constructor(private readonly sql: Sql) {}

  /** (Re)computes the plan; safe to run again, e.g. when a held run is approved later. */
  async compute(context: PlanContext): Promise<void> {
    const { runId, instanceId, leaverAction } = context;
    const leaver = leaverAction === 'delete' ? 'delete' : 'disable';
    if (context.staged >= BULK_ROWS) await this.sql.analyze(PLAN_ITEMS_KEYS, ARCHIVE_USERS_KEYS);
    await this.sql.transaction(async (m) => {
      if (context.again) {
        // Start over: staged rows (leavers included) go back to their first verdict.
        await this.sql.execute(
          `UPDATE sync_plan_items SET action = CASE WHEN included = 1 THEN 'create' ELSE 'excluded' END,
                  archive_user_id = NULL, candidate_user_id = NULL, archive_id = new_archive_id, changes = '[]'
            WHERE run_id = ?`,
          [runId],
          m,
        );
      }
      // Users the archive knows (by oid): unchanged, changed, or now out of scope (a leaver).
      await this.sql.execute(
        `UPDATE sync_plan_items SET archive_user_id = a.id,
                archive_id = CASE WHEN a.state = 'deleted' THEN sync_plan_items.new_archive_id ELSE a.archive_id END,
                user_name = CASE WHEN sync_plan_items.source = 'removed' THEN a.user_name ELSE sync_plan_items.user_name END,
                display_name = CASE WHEN sync_plan_items.source = 'removed' THEN a.display_name ELSE sync_plan_items.display_name END,
                primary_address = CASE WHEN sync_plan_items.source = 'removed' THEN a.primary_address ELSE sync_plan_items.primary_address END,
                aliases = CASE WHEN sync_plan_items.source = 'removed' THEN a.aliases ELSE sync_plan_items.aliases END,
                action = CASE
                  WHEN ${UNCHANGED} THEN 'unchanged'
                  WHEN sync_plan_items.included = 1 THEN 'update'
                  WHEN a.state = 'active' THEN ?
                  WHEN a.state = 'disabled' AND ? = 'delete' THEN 'delete'
                  ELSE 'excluded' END,
                changes = CASE WHEN sync_plan_items.included = 1 AND NOT (${UNCHANGED})
                  THEN ${describedChanges(this.sql.dialect)} ELSE '[]' END
           FROM archive_users a
          WHERE sync_plan_items.run_id = ? AND a.instance_id = ? AND a.oid = sync_plan_items.oid`,
        [leaver, leaver, runId, instanceId],
        m,
      );
      // Re-created users are found among the creates only: without one (a delta of renames, say) the
      // statements that follow have nothing to do.
      if (await this.hasCreates(runId, m)) {
        await this.findRecreated(runId, instanceId, m);
        await this.describeRecreated(runId, m);
      }
    });
  }

  private async hasCreates(runId: string, m: EntityManager): Promise<boolean> {
    const rows = await this.sql.query(
      `SELECT 1 AS one FROM sync_plan_items WHERE run_id = ? AND action = 'create' LIMIT 1`,
      [runId],
      m,
    );
    return rows.length > 0;
  }

  private async findRecreated(runId: string, instanceId: string, m: EntityManager): Promise<void> {
    // Same user name, new oid, and the old oid is gone: deleted and re-created? Never guess (DESIGN.md 4).
    // An active archive user without a plan row is still there (read unchanged, or not in a delta).
    await this.sql.execute(
      `UPDATE sync_plan_items SET action = 'recreated', candidate_user_id = (
                  SELECT a.id FROM archive_users a
                   WHERE a.instance_id = ? AND a.user_name = sync_plan_items.user_name AND a.oid <> sync_plan_items.oid
                     AND a.state <> 'deleted'
                     AND NOT EXISTS (SELECT 1 FROM sync_plan_items q WHERE q.run_id = ? AND q.oid = a.oid AND q.included = 1)
                     AND (a.state <> 'active' OR EXISTS (SELECT 1 FROM sync_plan_items q WHERE q.run_id = ? AND q.oid = a.oid))
                   ORDER BY a.updated_at DESC LIMIT 1)
          WHERE run_id = ? AND action = 'create' AND EXISTS (
                  SELECT 1 FROM archive_users a
                   WHERE a.instance_id = ? AND a.user_name = sync_plan_items.user_name AND a.oid <> sync_plan_items.oid
                     AND a.state <> 'deleted'
                     AND NOT EXISTS (SELECT 1 FROM sync_plan_items q WHERE q.run_id = ? AND q.oid = a.oid AND q.included = 1)
                     AND (a.state <> 'active' OR EXISTS (SELECT 1 FROM sync_plan_items q WHERE q.run_id = ? AND q.oid = a.oid)))`,
      [instanceId, runId, runId, runId, instanceId, runId, runId],
      m,
    );
    // The administrator's decisions: link to the old archive user, or keep apart (a new one).
    await this.sql.execute(
      `UPDATE sync_plan_items SET
                action = COALESCE((SELECT CASE d.decision WHEN 'link' THEN 'relink' ELSE 'create' END
                                     FROM recreated_user_decisions d WHERE d.instance_id = ? AND d.oid = sync_plan_items.oid), 'recreated'),
                archive_user_id = CASE WHEN EXISTS (SELECT 1 FROM recreated_user_decisions d
                                     WHERE d.instance_id = ? AND d.oid = sync_plan_items.oid AND d.decision = 'link')
                                  THEN candidate_user_id ELSE NULL END,
                archive_id = CASE WHEN EXISTS (SELECT 1 FROM recreated_user_decisions d
                                     WHERE d.instance_id = ? AND d.oid = sync_plan_items.oid AND d.decision = 'link')
                                  THEN (SELECT a.archive_id FROM archive_users a WHERE a.id = sync_plan_items.candidate_user_id)
                                  ELSE sync_plan_items.new_archive_id END
          WHERE run_id = ? AND action = 'recreated'`,
      [instanceId, instanceId, instanceId, runId],
      m,
    );
    // A linked user did not leave; an undecided one is only disabled, never deleted, meanwhile.
    await this.sql.execute(
      `DELETE FROM sync_plan_items WHERE run_id = ? AND action IN ('disable', 'delete')
            AND archive_user_id IN (SELECT r.archive_user_id FROM sync_plan_items r WHERE r.run_id = ? AND r.action = 'relink')`,
      [runId, runId],
      m,
    );
    await this.sql.execute(
      `UPDATE sync_plan_items SET action = 'disable' WHERE run_id = ? AND action = 'delete'
            AND archive_user_id IN (SELECT r.candidate_user_id FROM sync_plan_items r WHERE r.run_id = ? AND r.action = 'recreated')`,
      [runId, runId],
      m,
    );
  }

  /** The plan's counts; `unstaged` adds the users the read left out of the plan (nothing to do for them). */
  async counts(
    runId: string,
    unstaged = { unchanged: 0, excluded: 0 },
    manager?: EntityManager,
  ): Promise<PlanCounts> {
    const rows = await this.sql.query<{ action: StoredAction; n: number | string }>(
      `SELECT action, COUNT(*) AS n FROM sync_plan_items WHERE run_id = ? GROUP BY action`,
      [runId],
      manager,
    );
    const counts: PlanCounts = {
      create: 0,
      update: 0,
      disable: 0,
      delete: 0,
      unchanged: unstaged.unchanged,
      excluded: unstaged.excluded,
      recreated: 0,
    };
    for (const row of rows) counts[row.action === 'relink' ? 'update' : row.action] += Number(row.n);
    return counts;
  }

  async page(
    runId: string,
    filter: { action?: PlanAction; search?: string; offset: number; limit: number },
  ): Promise<{ total: number; items: PlanItemView[] }> {
    const where = ['run_id = ?'];
    const params: SqlValue[] = [runId];
    if (filter.action === 'update') where.push(`action IN ('update', 'relink')`);
    else if (filter.action) {
      where.push('action = ?');
      params.push(filter.action);
    }
    if (filter.search) {
      where.push('(user_name LIKE ? OR LOWER(display_name) LIKE ?)');
      const prefix = `${filter.search.toLowerCase().replace(/[%_]/g, '')}%`;
      params.push(prefix, prefix);
    }
    const clause = where.join(' AND ');
    const [count] = await this.sql.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM sync_plan_items WHERE ${clause}`,
      params,
    );
    const rows = await this.sql.query<PlanRow>(
      `SELECT oid, action, user_name, display_name, reasons, changes FROM sync_plan_items
        WHERE ${clause} ORDER BY user_name, oid LIMIT ? OFFSET ?`,
      [...params, filter.limit, filter.offset],
    );
    return {
      total: Number(count?.n ?? 0),
      items: rows.map((row) => {
        const action: PlanAction = row.action === 'relink' ? 'update' : row.action;
        return {
          sign: SIGN[action],
          action,
          oid: row.oid,
          userName: row.user_name,
          displayName: row.display_name,
          changes: JSON.parse(row.changes) as PlanChange[],
          reasons: JSON.parse(row.reasons) as string[],
        };
      }),
    };
  }

  async dropUnchanged(runId: string): Promise<void> {
    await this.sql.execute(
      `DELETE FROM sync_plan_items WHERE run_id = ? AND action IN ('unchanged', 'excluded')`,
      [runId],
    );
  }

  /**
   * A preview's plan (a row per directory user) is kept until the next run of its instance starts;
   * the plans of held runs stay until they are decided.
   */
  async discardPreviews(instanceId: string): Promise<void> {
    await this.sql.execute(
      `DELETE FROM sync_plan_items WHERE run_id IN (SELECT id FROM sync_runs WHERE instance_id = ? AND state = 'planned')`,
      [instanceId],
    );
  }

  async discard(runId: string): Promise<void> {
    await this.sql.execute(`DELETE FROM sync_plan_items WHERE run_id = ?`, [runId]);
  }

  /**
   * "With what changes" for re-created users (linked or not), against the archive user they may be:
   * an update was described as it was planned.
   */
  private async describeRecreated(runId: string, m: EntityManager): Promise<void> {
    await this.sql.execute(
      `UPDATE sync_plan_items SET changes = ${describedChanges(this.sql.dialect)}
         FROM archive_users a
        WHERE sync_plan_items.run_id = ? AND sync_plan_items.action IN ('relink', 'recreated')
          AND a.id = COALESCE(sync_plan_items.archive_user_id, sync_plan_items.candidate_user_id)`,
      [runId],
      m,
    );
  }
}
