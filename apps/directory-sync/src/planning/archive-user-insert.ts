/**
 * How a planned create becomes an archive user, shared by the apply after planning and the first
 * sync's write while reading: `INSERT INTO archive_users (${ARCHIVE_USER_COLUMNS}) SELECT
 * ${createdArchiveUser('p.')} FROM ...` over rows shaped like plan rows. Its five parameters, in order:
 * instance id, tenant id, privileges (JSON), created at, updated at.
 */
export const ARCHIVE_USER_COLUMNS = `id, instance_id, tenant_id, oid, user_name, display_name, primary_address,
  aliases, former_addresses, state, attrs_hash, archive_id, archive_deleted_at, privileges, created_at, updated_at`;

/** The values of a new archive user from a plan-shaped row (`prefix`: the row's alias and a dot, or ''). */
export function createdArchiveUser(prefix: string): string {
  const column = (name: string) => `${prefix}${name}`;
  return `${column('new_user_id')}, ?, ?, ${column('oid')}, ${column('user_name')}, ${column('display_name')},
    ${column('primary_address')}, ${column('aliases')}, '[]', 'active', ${column('attrs_hash')},
    ${column('new_archive_id')}, NULL, ?, ?, ?`;
}
