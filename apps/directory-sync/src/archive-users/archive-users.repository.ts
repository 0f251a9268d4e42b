import { Injectable } from '@nestjs/common';
import type { ArchivePrivilege, ArchiveUserState, ArchiveUserView } from '@archive365/contracts';
import { Sql, type SqlValue } from '../database/sql.repository';

interface ArchiveUserRow {
  id: string;
  instance_id: string;
  tenant_id: string;
  oid: string;
  user_name: string;
  display_name: string;
  primary_address: string;
  aliases: string;
  former_addresses: string;
  state: ArchiveUserState;
  archive_id: string;
  privileges: string;
  created_at: string;
  updated_at: string;
}

export interface SignInCandidate {
  directoryTenantId: string | null;
  user: Pick<
    ArchiveUserView,
    'id' | 'tenantId' | 'userName' | 'displayName' | 'primaryAddress' | 'state'
  > | null;
}

const COLUMNS =
  'a.id, a.instance_id, a.tenant_id, a.oid, a.user_name, a.display_name, a.primary_address, a.aliases, ' +
  'a.former_addresses, a.state, a.archive_id, a.privileges, a.created_at, a.updated_at';

/**
 * Owns `archive_users`: the platform's record of archive users and their archives (one each). Runs
 * write it in bulk through the plan (see PlanRepository); this repository answers the questions.
 */
@Injectable()
export class ArchiveUsersRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * The sign-in gateway's hot path: one indexed look-up by (instance alias, oid), no Graph call.
   * Returns undefined when the instance is unknown.
   */
  async signInCandidate(alias: string, oid: string): Promise<SignInCandidate | undefined> {
    const rows = await this.sql.query<{
      directory_tenant_id: string | null;
      id: string | null;
      tenant_id: string;
      user_name: string;
      display_name: string;
      primary_address: string;
      state: ArchiveUserState;
    }>(
      `SELECT p.directory_tenant_id, a.id, a.tenant_id, a.user_name, a.display_name, a.primary_address, a.state
         FROM sync_profiles p
         LEFT JOIN archive_users a ON a.instance_id = p.instance_id AND a.oid = ?
        WHERE p.alias = ?`,
      [oid.toLowerCase(), alias],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      directoryTenantId: row.directory_tenant_id,
      user: row.id
        ? {
            id: row.id,
            tenantId: row.tenant_id,
            userName: row.user_name,
            displayName: row.display_name,
            primaryAddress: row.primary_address,
            state: row.state,
          }
        : null,
    };
  }

  async page(
    instanceId: string,
    alias: string,
    filter: { state?: ArchiveUserState; search?: string; offset: number; limit: number },
  ): Promise<{ total: number; items: ArchiveUserView[] }> {
    const where = ['a.instance_id = ?'];
    const params: SqlValue[] = [instanceId];
    if (filter.state) {
      where.push('a.state = ?');
      params.push(filter.state);
    }
    if (filter.search) {
      where.push('a.user_name LIKE ?');
      params.push(`${likePrefix(filter.search.toLowerCase())}%`);
    }
    const clause = where.join(' AND ');
    const [count] = await this.sql.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM archive_users a WHERE ${clause}`,
      params,
    );
    const rows = await this.sql.query<ArchiveUserRow>(
      `SELECT ${COLUMNS} FROM archive_users a WHERE ${clause} ORDER BY a.user_name, a.id LIMIT ? OFFSET ?`,
      [...params, filter.limit, filter.offset],
    );
    return { total: Number(count?.n ?? 0), items: rows.map((row) => toView(row, alias)) };
  }

  /** The owner of an address, current or former; a current owner wins over a former one. */
  async ownerOfAddress(instanceId: string, alias: string, address: string): Promise<ArchiveUserView | null> {
    const quoted = `%${JSON.stringify(address.toLowerCase())}%`;
    const rows = await this.sql.query<ArchiveUserRow & { current: number }>(
      `SELECT ${COLUMNS}, CASE WHEN a.aliases LIKE ? OR a.primary_address = ? THEN 1 ELSE 0 END AS current
         FROM archive_users a
        WHERE a.instance_id = ? AND (a.primary_address = ? OR a.aliases LIKE ? OR a.former_addresses LIKE ?)
        ORDER BY current DESC, a.updated_at DESC LIMIT 1`,
      [quoted, address.toLowerCase(), instanceId, address.toLowerCase(), quoted, quoted],
    );
    return rows[0] ? toView(rows[0], alias) : null;
  }

  async countActive(instanceId: string): Promise<number> {
    const [row] = await this.sql.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM archive_users WHERE instance_id = ? AND state = 'active'`,
      [instanceId],
    );
    return Number(row?.n ?? 0);
  }
}

function likePrefix(text: string): string {
  return text.replace(/[%_]/g, '');
}

function toView(row: ArchiveUserRow, alias: string): ArchiveUserView {
  return {
    id: row.id,
    instanceAlias: alias,
    tenantId: row.tenant_id,
    oid: row.oid,
    userName: row.user_name,
    displayName: row.display_name,
    primaryAddress: row.primary_address,
    aliases: JSON.parse(row.aliases) as string[],
    formerAddresses: JSON.parse(row.former_addresses) as string[],
    state: row.state,
    archiveId: row.archive_id,
    privileges: JSON.parse(row.privileges) as ArchivePrivilege[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
