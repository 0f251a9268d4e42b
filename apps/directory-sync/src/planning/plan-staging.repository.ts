import { Injectable } from '@nestjs/common';
import type { LeaverAction } from '@archive365/contracts';
import { Sql, type SqlValue } from '../database/sql.repository';
import { FirstSyncRepository, type FirstSyncPage, type FirstSyncWrite } from './first-sync.repository';
import { PAGE_COLUMNS, PAGE_ROWS, PLAN_ROW_UPSERT, pageJson } from './page-json';
import type { SeenOids } from './seen-oids';
import type { StagedUser } from './staged-user';

/** Archive users read per statement when looking for leavers. */
const LEAVER_SCAN = 5000;

/** A page as `stageEncoded` takes it: page JSON (`pageJson`), or a first sync's COPY data. */
export type EncodedPage = string | FirstSyncPage;

/** What a staged page left out of the plan, for the run's counts and the leaver check. */
export interface PageTally {
  /** In scope and the same as their archive user: nothing to do, no plan row. */
  unchanged: number;
  /** Out of scope, and no archive user that would leave: no plan row. */
  excluded: number;
  /** Users of the page whose archive user would be a leaver if the directory had not returned them. */
  matched: number;
}

export interface StageContext {
  runId: string;
  instanceId: string;
  leaverAction: LeaverAction;
  /** A preview keeps every user (it shows the whole plan); a run keeps only what it changes. */
  everyone: boolean;
  /**
   * Delta pages may repeat a user: a later version replaces what an earlier page staged, and one with
   * nothing to do removes it.
   */
  replaces: boolean;
  /** The first sync of an instance: pages go straight to archive users and plan rows (FirstSyncRepository). */
  firstSync?: FirstSyncWrite;
}

/**
 * Writes a run's directory read into `sync_plan_items`, page by page as it arrives, so memory does not
 * grow with the tenant. The page goes to the database as one JSON parameter and is compared there with
 * the archive users by content hash: a run stores only the users it would change (a repeat with
 * nothing changed writes no plan row), a preview stores everyone. A first sync has nothing to compare
 * with: its pages go by COPY (FirstSyncRepository).
 */
@Injectable()
export class PlanStagingRepository {
  constructor(
    private readonly sql: Sql,
    private readonly firstSync: FirstSyncRepository,
  ) {}

  /** How `stageEncoded` takes a page in this context: a first sync's pages go by COPY. */
  static encoderFor(context: StageContext): (users: StagedUser[]) => EncodedPage {
    return context.firstSync ? FirstSyncRepository.encoder(context.firstSync) : pageJson;
  }

  async stage(context: StageContext, users: StagedUser[]): Promise<PageTally> {
    return this.stageEncoded(context, PlanStagingRepository.encoderFor(context)(users));
  }

  /** Stages a page made by the context's encoder (`encoderFor`). */
  async stageEncoded(context: StageContext, page: EncodedPage): Promise<PageTally> {
    if (typeof page !== 'string') {
      if (!context.firstSync) throw new Error('a page encoded for a first sync, staged outside one');
      return this.firstSync.stagePage(context.firstSync, page);
    }
    if (page === '[]') return { unchanged: 0, excluded: 0, matched: 0 };
    const { runId, instanceId, leaverAction } = context;
    // Each user's fate against their archive user (by oid), decided in SQL.
    const judged = (pageRows: string) => `${pageRows},
      judged AS (
        SELECT s.*,
          CASE
            WHEN ? = 1 THEN 'stage'
            WHEN a.id IS NULL THEN CASE WHEN s.included = 1 THEN 'stage' ELSE 'excluded' END
            WHEN s.included = 1 THEN
              CASE WHEN a.state = 'active' AND a.attrs_hash = s.attrs_hash THEN 'unchanged' ELSE 'stage' END
            WHEN a.state = 'active' OR (a.state = 'disabled' AND ? = 'delete') THEN 'stage'
            ELSE 'excluded' END AS fate,
          CASE WHEN a.state = 'active' OR (a.state = 'disabled' AND ? = 'delete') THEN 1 ELSE 0 END AS eligible
          FROM page_rows s LEFT JOIN archive_users a ON a.instance_id = ? AND a.oid = s.oid)`;
    const judgedParams: SqlValue[] = [context.everyone ? 1 : 0, leaverAction, leaverAction, instanceId];
    const insert = `INSERT INTO sync_plan_items (run_id, action, archive_id, changes, ${PAGE_COLUMNS.join(', ')})
        SELECT ?, CASE WHEN included = 1 THEN 'create' ELSE 'excluded' END, new_archive_id, '[]', ${PAGE_COLUMNS.join(', ')}
          FROM judged WHERE fate = 'stage'
        ${PLAN_ROW_UPSERT}`;
    const tally = `SELECT COALESCE(SUM(CASE WHEN fate = 'unchanged' THEN 1 ELSE 0 END), 0) AS unchanged,
        COALESCE(SUM(CASE WHEN fate = 'excluded' THEN 1 ELSE 0 END), 0) AS excluded,
        COALESCE(SUM(eligible), 0) AS matched FROM judged`;
    // Rows an earlier page of this run staged for users this page says have nothing to do.
    const replaced = (join: string) =>
      `DELETE FROM sync_plan_items AS d ${join} ? = 1 AND d.run_id = ? AND d.oid = j.oid AND j.fate <> 'stage'`;
    let rows: { unchanged: number | string; excluded: number | string; matched: number | string }[];
    if (this.sql.dialect === 'postgres') {
      // One round trip: the insert is a data-modifying CTE, the tally reads the same judgement.
      rows = await this.sql.query(
        `${judged(`WITH page_rows AS (SELECT * FROM ${PAGE_ROWS})`)},
         staged AS (${insert} RETURNING 1),
         replaced AS (${replaced('USING judged j WHERE')} RETURNING 1)
         ${tally}`,
        [page, ...judgedParams, runId, context.replaces ? 1 : 0, runId],
      );
    } else {
      const pageRows = `WITH page_rows AS (SELECT ${PAGE_COLUMNS.map(
        (column) => `json_extract(value, '$.${column}') AS ${column}`,
      ).join(', ')} FROM json_each(?))`;
      rows = await this.sql.transaction(async (m) => {
        await this.sql.execute(`${judged(pageRows)} ${insert}`, [page, ...judgedParams, runId], m);
        if (context.replaces) {
          await this.sql.execute(
            `${judged(pageRows)} ${replaced('WHERE EXISTS (SELECT 1 FROM judged j WHERE j.oid = d.oid AND')})`,
            [page, ...judgedParams, 1, runId],
            m,
          );
        }
        return this.sql.query(`${judged(pageRows)} ${tally}`, [page, ...judgedParams], m);
      });
    }
    const [row] = rows;
    return {
      unchanged: Number(row?.unchanged ?? 0),
      excluded: Number(row?.excluded ?? 0),
      matched: Number(row?.matched ?? 0),
    };
  }

  /**
   * After a complete read. A first sync commits its plan rows now; it started with no archive user, so
   * nobody can have left. Any other run stages as leavers the archive users the read did not return.
   */
  async completeRead(context: StageContext, seen: SeenOids, matched: number): Promise<void> {
    if (context.firstSync) return this.firstSync.completeRead(context.firstSync);
    await this.stageLeavers(context, seen, matched);
  }

  /**
   * Answered from the counts when nobody has left (the usual case, without reading the archive users);
   * otherwise the archive users are walked by oid, a slice at a time, and the unseen ones staged.
   */
  private async stageLeavers(context: StageContext, seen: SeenOids, matched: number): Promise<void> {
    const { runId, instanceId, leaverAction } = context;
    const eligible = `a.instance_id = ? AND (a.state = 'active' OR (a.state = 'disabled' AND ? = 'delete'))`;
    const [total] = await this.sql.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM archive_users a WHERE ${eligible}`,
      [instanceId, leaverAction],
    );
    if (Number(total?.n ?? 0) <= matched) return;
    let after = '';
    for (;;) {
      const slice = await this.sql.query<{ oid: string }>(
        `SELECT a.oid FROM archive_users a WHERE ${eligible} AND a.oid > ? ORDER BY a.oid LIMIT ?`,
        [instanceId, leaverAction, after, LEAVER_SCAN],
      );
      if (slice.length === 0) return;
      after = slice[slice.length - 1]?.oid ?? after;
      const leavers = slice.map((row) => row.oid).filter((oid) => !seen.has(oid));
      if (leavers.length === 0) continue;
      await this.sql.execute(
        `INSERT INTO sync_plan_items (run_id, oid, action, user_name, display_name, primary_address, aliases,
                included, reasons, attrs_hash, new_user_id, new_archive_id, archive_user_id, archive_id, source, changes)
         SELECT ?, a.oid, 'excluded', a.user_name, a.display_name, a.primary_address, a.aliases, 0,
                '["not in the directory any more"]', a.attrs_hash, a.id, a.archive_id, a.id, a.archive_id, 'archive', '[]'
           FROM archive_users a
          WHERE a.instance_id = ? AND a.oid IN (${leavers.map(() => '?').join(',')})
         ON CONFLICT (run_id, oid) DO NOTHING`,
        [runId, instanceId, ...leavers],
      );
    }
  }

  async dropRun(runId: string): Promise<void> {
    await this.sql.execute(`DELETE FROM sync_plan_items WHERE run_id = ?`, [runId]);
  }
}
