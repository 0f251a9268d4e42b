import type { FixtureGroup, FixtureUser } from '../../fixture/fixture.types';
import type { MemoryTenant } from '../../store/memory-tenant';
import type { AccessTokenClaims } from '../../issued-tokens/emulator-context';
import { badRequest } from '../core/graph-error';
import { hasPermission, PERMISSIONS, type RequiredPermissions } from '../core/graph-permissions';
import { GRAPH_SCHEMA } from '../schema/graph-schema';
import { project } from './projection';

export type DirectoryObject = { kind: 'user'; object: FixtureUser } | { kind: 'group'; object: FixtureGroup };

/** A member id as a live user or group; soft-deleted and unknown ids resolve to nothing, as Graph leaves them out. */
export function resolveDirectoryObject(tenant: MemoryTenant, id: string): DirectoryObject | undefined {
  const user = tenant.users.byObjectId(id);
  if (user) return { kind: 'user', object: user };
  const group = tenant.groups.byObjectId(id);
  return group ? { kind: 'group', object: group } : undefined;
}

/** `$select` on a directoryObject collection: names of user or group properties. */
export function parseDirectoryObjectSelect(raw: string | null): string[] | undefined {
  if (raw === null) return undefined;
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of names) {
    if (
      !Object.hasOwn(GRAPH_SCHEMA.entityTypes.user.properties, name) &&
      !Object.hasOwn(GRAPH_SCHEMA.entityTypes.group.properties, name)
    ) {
      throw badRequest(
        `Could not find a property named '${name}' on type 'microsoft.graph.directoryObject'.`,
        'BadRequest',
      );
    }
  }
  return names;
}

/** Permissions that let a token read the properties of users and of groups. */
const READ_PERMISSIONS: Record<DirectoryObject['kind'], RequiredPermissions> = {
  user: PERMISSIONS.readUsers,
  group: PERMISSIONS.readGroups,
};

/**
 * A member as Graph lists it: `@odata.type` first, then the selected properties its type has. A token
 * that may list the relationship but not read that type of object (e.g. GroupMember.Read.All without
 * User.Read.All, for user members) gets the object with its id and every other property null
 * ("Limited information returned for inaccessible member objects",
 * https://learn.microsoft.com/graph/permissions-overview#limited-information-returned-for-inaccessible-member-objects).
 */
export function projectDirectoryObject(
  item: DirectoryObject,
  select: string[] | undefined,
  claims?: AccessTokenClaims,
): Record<string, unknown> {
  const own = select?.filter((name) => Object.hasOwn(GRAPH_SCHEMA.entityTypes[item.kind].properties, name));
  const projected =
    item.kind === 'group' && !select
      ? project('group', item.object, undefined)
      : project(item.kind, item.object, own);
  if (claims && !hasPermission(claims, READ_PERMISSIONS[item.kind])) {
    for (const name of Object.keys(projected)) projected[name] = name === 'id' ? item.object.id : null;
  }
  return { '@odata.type': `#microsoft.graph.${item.kind}`, ...projected };
}
