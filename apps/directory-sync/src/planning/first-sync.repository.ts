import { Injectable } from '@nestjs/common';
import type { ArchivePrivilege } from '@archive365/contracts';
import type { PoolClient } from 'pg';
import type { EntityManager, QueryRunner } from 'typeorm';
import { Sql } from '../database/sql.repository';
import { ARCHIVE_USER_COLUMNS, createdArchiveUser } from './archive-user-insert';
import { CopyChannel } from './copy-channel';
import { CopyData, copyText } from './copy-text';
import { PAGE_COLUMNS, PAGE_ROWS, PLAN_ROW_UPSERT, pageJson } from './page-json';
import type { PageTally } from './plan-staging.repository';
import { ARCHIVE_USERS_KEYS, PLAN_ITEMS_KEYS } from './planner-statistics';
import { lastVersions, type StagedUser } from './staged-user';

/** The run a first sync writes for. */
export interface FirstSyncRun {
  runId: string;
  instanceId: string;
  tenantId: string;
  privileges: ArchivePrivilege[];
  /** One time for the whole run: its archive users appear together, when the run commits. */
  now: string;
}

/** What a first sync writes with (its plan rows' transaction is kept by FirstSyncRepository). */
export interface FirstSyncWrite extends FirstSyncRun {
  /** The transaction that commits the run: its archive users, its counts, its move to publishing. */
  manager: EntityManager;
}

/** A first sync's connections, which its statements are sent on directly. */
interface Connections {
  /** The run's transaction's. */
  archiveUsers: CopyChannel;
  /** The plan rows' transaction, on a connection of its own; committed by `completeRead`. */
  planRunner: QueryRunner;
  /** Its connection. */
  plan: CopyChannel;
}

/** A page of a first sync as `encoder` makes it. */
export interface FirstSyncPage {
  /** COPY data of the page's new archive users (ARCHIVE_USERS_COPY). */
  archiveUsers: Buffer;
  /** COPY data of their plan rows (PLAN_COPY). */
  plan: Buffer;
  /** Users in scope an earlier page may have returned already, as page JSON ('' for none). */
  repeated: string;
  /** Users out of scope: only counted, as a normal run does. */
  excluded: number;
}

const ARCHIVE_USERS_COPY = `COPY archive_users (id, archive_id, oid, user_name, display_name, primary_address, aliases,
  attrs_hash, instance_id, tenant_id, former_addresses, state, archive_deleted_at, privileges, created_at, updated_at)
  FROM STDIN`;
const PLAN_COPY = `COPY sync_plan_items (oid, user_name, display_name, primary_address, aliases, attrs_hash, reasons,
  source, new_user_id, new_archive_id, archive_id, run_id, action, included, changes) FROM STDIN`;

/**
 * The first sync of an instance (PostgreSQL): with no archive user yet, every user in scope is a
 * create and nobody can leave, so there is nothing to plan against. Each page is written as it arrives,
 * on two connections at once, so PostgreSQL works on both of the machine's cores while the read goes on:
 * - its archive users, in the transaction that stays open for the whole read and commits with the
 *   run's move to publishing (a read that fails rolls all of it back);
 * - its plan rows (what the run did and why, and what its events are read from), in a transaction of
 *   their own, committed once the read is complete and just before the run's.
 * Both go by COPY, the cheapest way into an indexed table: the rows are made here, with no statement to
 * plan and no table between, and each connection's COPY stays open across pages (CopyChannel), so
 * PostgreSQL takes a page's rows while it still works on the pages before. A user an earlier page
 * returned already goes by upsert instead (a COPY would stop at the unique key). With a 100,000-user
 * first sync, the read no longer waits on the database between pages and the plan rows no longer
 * follow the read: 4.0-4.2 s where a COPY into a temporary table, an insert from it and the plan rows
 * after the read took 4.3-4.6 s (tools/bench/README.md). SQLite is left out: its single writer would
 * block every other write of the service for the read.
 */
@Injectable()
export class FirstSyncRepository {
  private readonly connections = new WeakMap<FirstSyncWrite, Connections>();

  constructor(private readonly sql: Sql) {}

  /**
   * Runs `work` in the transactions of a first sync when the instance qualifies (no archive user in any
   * state, on PostgreSQL), else answers undefined without calling it. The check is made inside the
   * run's transaction; the run's lease keeps other runs of the instance out until it commits.
   */
  async ifFirst<T>(run: FirstSyncRun, work: (write: FirstSyncWrite) => Promise<T>): Promise<T | undefined> {
    if (this.sql.dialect !== 'postgres') return undefined;
    const plan = this.sql.dataSource.createQueryRunner();
    let planOpened = false;
    let workDone = false;
    try {
      const done = await this.sql.transaction(async (manager) => {
        const [any] = await this.sql.query(
          `SELECT 1 AS one FROM archive_users WHERE instance_id = ? LIMIT 1`,
          [run.instanceId],
          manager,
        );
        if (any) return undefined;
        await plan.startTransaction();
        planOpened = true;
        // COPY and the statements sent behind it go on the transactions' own connections.
        const archiveUsers = (await manager.queryRunner?.connect()) as PoolClient | undefined;
        if (!archiveUsers) throw new Error('the run transaction has no connection of its own');
        const connections: Connections = {
          archiveUsers: new CopyChannel(archiveUsers, ARCHIVE_USERS_COPY),
          planRunner: plan,
          plan: new CopyChannel((await plan.connect()) as PoolClient, PLAN_COPY),
        };
        const write: FirstSyncWrite = { ...run, manager };
        this.connections.set(write, connections);
        // A read that fails leaves no COPY open: the rollback goes after it.
        const result = await work(write).finally(() =>
          Promise.allSettled([connections.archiveUsers.settled(), connections.plan.settled()]),
        );
        workDone = true;
        return result;
      });
      // The events are read from the plan rows by key range, and the next run joins the new archive
      // users: without statistics PostgreSQL plans both as if the tables were empty (a full scan per batch).
      if (done !== undefined) await this.sql.analyze(PLAN_ITEMS_KEYS, ARCHIVE_USERS_KEYS);
      return done;
    } catch (error) {
      // Plan rows committed for a run whose transaction failed before its commit would tell of changes
      // never made. A commit that failed may still have happened: then they stay, for the run's events.
      if (planOpened && !plan.isTransactionActive && !workDone) {
        await this.sql
          .execute(`DELETE FROM sync_plan_items WHERE run_id = ?`, [run.runId])
          .catch(() => undefined);
      }
      throw error;
    } finally {
      if (plan.isTransactionActive) await plan.rollbackTransaction().catch(() => undefined);
      await plan.release();
    }
  }

  /**
   * Makes a run's pages into what `stagePage` writes: its archive users and plan rows in COPY's text
   * format (the last version of a user the page holds twice). What every row of the run shares is
   * encoded once.
   */
  static encoder(run: FirstSyncRun): (users: StagedUser[]) => FirstSyncPage {
    const userTail = `${copyText([run.instanceId, run.tenantId, '[]', 'active'])}\t\\N\t${copyText([
      JSON.stringify(run.privileges),
      run.now,
      run.now,
    ])}`;
    const planTail = copyText([run.runId, 'create', '1', '[]']);
    return (users) => {
      const archiveUsers = new CopyData();
      const plan = new CopyData();
      const repeated: StagedUser[] = [];
      let excluded = 0;
      for (const user of lastVersions(users)) {
        if (!user.included) excluded++;
        else if (user.repeated) repeated.push(user);
        else {
          const shared = copyText([
            user.oid,
            user.userName,
            user.displayName,
            user.primaryAddress,
            JSON.stringify(user.aliases),
            user.attrsHash,
          ]);
          const ids = `${user.newUserId}\t${user.newArchiveId}`;
          archiveUsers.push(`${ids}\t${shared}\t${userTail}\n`);
          plan.push(
            `${shared}\t${copyText([JSON.stringify(user.reasons), user.source])}\t${ids}\t${user.newArchiveId}\t${planTail}\n`,
          );
        }
      }
      return {
        archiveUsers: archiveUsers.data,
        plan: plan.data,
        repeated: repeated.length > 0 ? pageJson(repeated) : '',
        excluded,
      };
    };
  }

  /**
   * A page made by `encoder`: its archive users in the run's transaction and its plan rows in the plan's,
   * side by side. A user an earlier page returned already (marked `repeated` by the read, which keeps the
   * set of ids it saw) replaces what that page wrote, as the normal staging's upsert does.
   */
  async stagePage(write: FirstSyncWrite, page: FirstSyncPage): Promise<PageTally> {
    const { archiveUsers, plan } = this.connectionsOf(write);
    const appended = Promise.all([archiveUsers.append(page.archiveUsers), plan.append(page.plan)]);
    if (page.repeated !== '') {
      // After the page's rows and the pages before it on each connection. Not waited for: a failure
      // fails the next page, or completeRead.
      const privileges = JSON.stringify(write.privileges);
      const upserts = [
        archiveUsers.send(this.sql.placeholders(UPSERT_ARCHIVE_USERS), [
          write.instanceId,
          write.tenantId,
          privileges,
          write.now,
          write.now,
          page.repeated,
        ]),
        plan.send(this.sql.placeholders(UPSERT_PLAN_ROWS), [write.runId, page.repeated]),
      ];
      for (const upsert of upserts) upsert.catch(() => undefined);
    }
    await appended;
    return { unchanged: 0, excluded: page.excluded, matched: 0 };
  }

  /**
   * Waits until the pages staged so far are stored. A statement the caller sends on the run's
   * transaction itself would otherwise wait behind the COPY still open.
   */
  async pagesWritten(write: FirstSyncWrite): Promise<void> {
    const { archiveUsers, plan } = this.connectionsOf(write);
    await Promise.all([archiveUsers.settled(), plan.settled()]);
  }

  /** Once the read is complete: the plan rows are committed, so the run's transaction can count them. */
  async completeRead(write: FirstSyncWrite): Promise<void> {
    await this.pagesWritten(write);
    await this.connectionsOf(write).planRunner.commitTransaction();
  }

  private connectionsOf(write: FirstSyncWrite): Connections {
    const connections = this.connections.get(write);
    if (!connections) throw new Error('a first sync writes inside the transactions ifFirst opened');
    return connections;
  }
}

/** A user an earlier page returned already: this version replaces their archive user. */
const UPSERT_ARCHIVE_USERS = `INSERT INTO archive_users (${ARCHIVE_USER_COLUMNS})
  SELECT ${createdArchiveUser('')} FROM ${PAGE_ROWS}
  ON CONFLICT (instance_id, oid) DO UPDATE SET id = excluded.id, user_name = excluded.user_name,
         display_name = excluded.display_name, primary_address = excluded.primary_address,
         aliases = excluded.aliases, attrs_hash = excluded.attrs_hash, archive_id = excluded.archive_id`;

/** ...and their plan row (the page JSON holds only users in scope: `included` is 1). */
const UPSERT_PLAN_ROWS = `INSERT INTO sync_plan_items (run_id, action, archive_id, changes, ${PAGE_COLUMNS.join(', ')})
  SELECT ?, 'create', new_archive_id, '[]', ${PAGE_COLUMNS.join(', ')} FROM ${PAGE_ROWS}
  ${PLAN_ROW_UPSERT}`;
