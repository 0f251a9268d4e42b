import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Sql, type SqlValue } from '../database/sql.repository';
import type { GroupDeltaLink, GroupState, MemberKind, TrackedGroup } from '../graph/group-state';

/** Group rows written per statement. */
const GROUPS_PER_INSERT = 100;

type StoredMember = [string, 'u' | 'g'];

/**
 * The groups filter's state between runs (`sync_group_reads`, `sync_group_members`): each run that read
 * the groups stores what it read under its own id; the run's commit makes its read the instance's
 * current one, in the same transaction as its changes, so the group edges and delta links advance
 * exactly when the archive does.
 */
@Injectable()
export class GroupStateRepository {
  constructor(private readonly sql: Sql) {}

  /** The state the last committed run read, or undefined (none yet, or a profile before the groups delta). */
  async current(instanceId: string): Promise<GroupState | undefined> {
    const [read] = await this.sql.query<{ run_id: string; chosen: string; delta_links: string }>(
      `SELECT run_id, chosen, delta_links FROM sync_group_reads WHERE instance_id = ? AND is_current = 1`,
      [instanceId],
    );
    if (!read) return undefined;
    const rows = await this.sql.query<{ group_id: string; display_name: string; members: string }>(
      `SELECT group_id, display_name, members FROM sync_group_members WHERE run_id = ?`,
      [read.run_id],
    );
    const groups = new Map<string, TrackedGroup>();
    for (const row of rows) {
      const members = new Map<string, MemberKind>();
      for (const [id, kind] of JSON.parse(row.members) as StoredMember[])
        members.set(id, kind === 'g' ? 'group' : 'user');
      groups.set(row.group_id, { name: row.display_name, members });
    }
    return {
      chosen: JSON.parse(read.chosen) as string[],
      links: JSON.parse(read.delta_links) as GroupDeltaLink[],
      groups,
    };
  }

  /** Stores a run's read (pending until the run commits). */
  async save(runId: string, instanceId: string, state: GroupState): Promise<void> {
    await this.sql.transaction(async (m) => {
      await this.sql.execute(
        `INSERT INTO sync_group_reads (run_id, instance_id, is_current, chosen, delta_links, created_at)
         VALUES (?, ?, 0, ?, ?, ?)`,
        [
          runId,
          instanceId,
          JSON.stringify(state.chosen),
          JSON.stringify(state.links),
          new Date().toISOString(),
        ],
        m,
      );
      const groups = [...state.groups];
      for (let at = 0; at < groups.length; at += GROUPS_PER_INSERT) {
        const slice = groups.slice(at, at + GROUPS_PER_INSERT);
        const params: SqlValue[] = [];
        for (const [groupId, group] of slice) {
          const members: StoredMember[] = [...group.members].map(([id, kind]) => [
            id,
            kind === 'group' ? 'g' : 'u',
          ]);
          params.push(runId, groupId, group.name.slice(0, 256), JSON.stringify(members));
        }
        await this.sql.execute(
          `INSERT INTO sync_group_members (run_id, group_id, display_name, members)
           VALUES ${slice.map(() => '(?, ?, ?, ?)').join(', ')}`,
          params,
          m,
        );
      }
    });
  }

  /**
   * Within the transaction that applies a run: its read (if it read the groups) becomes the current
   * one. Reads of other runs go, except those of held runs, which may still be approved.
   */
  async commit(runId: string, instanceId: string, m: EntityManager): Promise<void> {
    const others = `SELECT r.run_id FROM sync_group_reads r
      WHERE r.instance_id = ? AND r.run_id <> ?
        AND NOT EXISTS (SELECT 1 FROM sync_runs s WHERE s.id = r.run_id AND s.state = 'held')`;
    await this.sql.execute(
      `DELETE FROM sync_group_members WHERE run_id IN (${others})`,
      [instanceId, runId],
      m,
    );
    await this.sql.execute(
      `DELETE FROM sync_group_reads WHERE run_id IN (${others})`,
      [instanceId, runId],
      m,
    );
    await this.sql.execute(`UPDATE sync_group_reads SET is_current = 1 WHERE run_id = ?`, [runId], m);
  }
}
