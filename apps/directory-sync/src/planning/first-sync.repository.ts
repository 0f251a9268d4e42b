import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import type { ArchivePrivilege } from '@archive365/contracts';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import { Sql } from '../database/sql.repository';
import { ARCHIVE_USER_COLUMNS, createdArchiveUser } from './archive-user-insert';
import { copyText } from './copy-text';
import type { PageTally } from './plan-staging.repository';
import { ARCHIVE_USERS_KEYS, PLAN_ITEMS_KEYS } from './planner-statistics';
import { lastVersions, type StagedUser } from './staged-user';

/** What a first sync writes with each page, inside the transaction that commits the run. */
export interface FirstSyncWrite {
  manager: EntityManager;
  runId: string;
  instanceId: string;
  tenantId: string;
  privileges: ArchivePrivilege[];
  /** One time for the whole run: its archive users appear together, when the run commits. */
  now: string;
}

/**
 * Where the read is copied, page by page, and kept until it is complete: a temporary table of the first
 * sync's transaction (no WAL), its rows numbered as they come. The number finds a page's rows (an
 * index, appended to) and lets the last version of a user returned twice win.
 */
const READ_TABLE = 'first_sync_read';
const COPIED_COLUMNS = `oid, user_name, display_name, primary_address, aliases, included, reasons, attrs_hash,
  new_user_id, new_archive_id, source, repeated`;
const READ_COLUMNS = `version bigserial, oid text, user_name text, display_name text, primary_address text,
  aliases text, included int, reasons text, attrs_hash text, new_user_id text, new_archive_id text, source text,
  repeated int`;

/**
 * The first sync of an instance (PostgreSQL): with no archive user yet, every user in scope is a
 * create and nobody can leave, so there is nothing to plan against. Each page's archive users are
 * written as it arrives, in one transaction that stays open for the whole read and commits with the
 * run's move to publishing: the index work of 100,000 new archive users overlaps the Graph read instead
 * of following it, and a read that fails rolls all of it back. The plan rows (what the run did and why,
 * and what its events are read from) are written once the read is complete, in one statement in oid
 * order: page by page, both of their indexes took a random insert per user; this way the primary key's
 * are appends and the events read the rows in the order they lie (PostgreSQL's CPU for a first sync of
 * 100,000 users fell by a tenth). SQLite is left out: its single writer would block every other write
 * of the service for the read. A page reaches PostgreSQL by COPY (see `encode`): about half the work of
 * parsing the same page as one JSON parameter.
 */
@Injectable()
export class FirstSyncRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * Runs `work` in the transaction of a first sync when the instance qualifies (no archive user in any
   * state, on PostgreSQL), else answers undefined without calling it. The check is made inside the
   * transaction; the run's lease keeps other runs of the instance out until it commits.
   */
  async ifFirst<T>(instanceId: string, work: (manager: EntityManager) => Promise<T>): Promise<T | undefined> {
    if (this.sql.dialect !== 'postgres') return undefined;
    const done = await this.sql.transaction(async (manager) => {
      const [any] = await this.sql.query(
        `SELECT 1 AS one FROM archive_users WHERE instance_id = ? LIMIT 1`,
        [instanceId],
        manager,
      );
      if (any) return undefined;
      await this.sql.execute(
        `CREATE TEMPORARY TABLE ${READ_TABLE} (${READ_COLUMNS}) ON COMMIT DROP`,
        [],
        manager,
      );
      await this.sql.execute(`CREATE INDEX ON ${READ_TABLE} (version)`, [], manager);
      return work(manager);
    });
    // The events are read from the plan rows by key range, and the next run joins the new archive
    // users: without statistics PostgreSQL plans both as if the tables were empty (a full scan per batch).
    if (done !== undefined) await this.sql.analyze(PLAN_ITEMS_KEYS, ARCHIVE_USERS_KEYS);
    return done;
  }

  /**
   * A page as COPY's text format takes it, one line per user in COPIED_COLUMNS order (the last version
   * of a user the page holds twice).
   */
  static encode(users: StagedUser[]): string {
    let text = '';
    for (const user of lastVersions(users)) {
      text += `${copyText([
        user.oid,
        user.userName,
        user.displayName,
        user.primaryAddress,
        JSON.stringify(user.aliases),
        user.included ? '1' : '0',
        JSON.stringify(user.reasons),
        user.attrsHash,
        user.newUserId,
        user.newArchiveId,
        user.source,
        user.repeated ? '1' : '0',
      ])}\n`;
    }
    return text;
  }

  /**
   * A page made by `encode`: its users in scope become archive users in one statement; those out of
   * scope are only counted, as a normal run does. The whole page stays in the read table for the plan
   * rows. A user an earlier page returned already (marked `repeated` by the read, which keeps the set of
   * ids it saw; the rows are visible to this transaction) has their archive user replaced by this
   * version, as the normal staging's upsert does; the rest are plain inserts, without a look-up of their
   * own, so the unique indexes are not probed twice per row.
   */
  async stagePage(write: FirstSyncWrite, page: string): Promise<PageTally> {
    if (page === '') return { unchanged: 0, excluded: 0, matched: 0 };
    const { instanceId, tenantId, now } = write;
    const privileges = JSON.stringify(write.privileges);
    // COPY needs the transaction's own connection, which TypeORM holds for the manager.
    const client = (await write.manager.queryRunner?.connect()) as PoolClient | undefined;
    if (!client) throw new Error('a first sync writes inside its transaction: the manager has no connection');
    const copy = client.query(copyFrom(`COPY ${READ_TABLE} (${COPIED_COLUMNS}) FROM STDIN`));
    await pipeline(Readable.from([page]), copy);
    // The page's rows are the last ones the copy numbered (only this transaction sees the table). The
    // bound is a subquery, computed once: `currval` is volatile, and would be checked on every row.
    const pageRows = `${READ_TABLE} s
      WHERE s.version > (SELECT currval(pg_get_serial_sequence('${READ_TABLE}', 'version')) - ?)`;
    const [row] = await this.sql.query<{ excluded: number | string }>(
      `WITH judged AS (
         SELECT s.*, CASE WHEN s.repeated = 1
                THEN EXISTS (SELECT 1 FROM archive_users a WHERE a.instance_id = ? AND a.oid = s.oid) ELSE false END AS again
           FROM ${pageRows} AND s.included = 1),
       created AS (
         INSERT INTO archive_users (${ARCHIVE_USER_COLUMNS})
         SELECT ${createdArchiveUser('')}
           FROM judged WHERE NOT again
          ORDER BY oid),
       recreated AS (
         UPDATE archive_users a SET id = j.new_user_id, user_name = j.user_name, display_name = j.display_name,
                primary_address = j.primary_address, aliases = j.aliases, attrs_hash = j.attrs_hash,
                archive_id = j.new_archive_id
           FROM judged j WHERE j.again AND a.instance_id = ? AND a.oid = j.oid)
       SELECT COUNT(*) AS excluded FROM ${pageRows} AND s.included <> 1`,
      [instanceId, copy.rowCount, instanceId, tenantId, privileges, now, now, instanceId, copy.rowCount],
      write.manager,
    );
    return { unchanged: 0, excluded: Number(row?.excluded ?? 0), matched: 0 };
  }

  /**
   * Once the read is complete: a plan row (create) for each user in scope, the last version in scope of
   * a user returned twice, as the archive user holds it. In oid order, so the rows land at the end of the
   * plan's primary key and the run's events read them in the order they lie in the table.
   */
  async writePlan(write: FirstSyncWrite): Promise<void> {
    await this.sql.execute(
      `INSERT INTO sync_plan_items (run_id, oid, action, user_name, display_name, primary_address, aliases, included,
              reasons, attrs_hash, new_user_id, new_archive_id, archive_id, source, changes)
       SELECT DISTINCT ON (oid) ?, oid, 'create', user_name, display_name, primary_address, aliases, 1, reasons,
              attrs_hash, new_user_id, new_archive_id, new_archive_id, source, '[]'
         FROM ${READ_TABLE} WHERE included = 1 ORDER BY oid, version DESC`,
      [write.runId],
      write.manager,
    );
  }
}
