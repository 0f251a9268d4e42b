import type { FixtureGroup } from '../../fixture/fixture.types';
import type { MemoryTenant } from '../../store/memory-tenant';
import { badRequest } from '../core/graph-error';
import type { GraphRequest } from '../core/graph-request';
import { PERMISSIONS } from '../core/graph-permissions';
import { route, type GraphRoute } from '../core/graph-route';
import { deltaFunction, type DeltaSource } from '../odata/delta-rounds';
import { resolveDirectoryObject } from '../odata/directory-objects';
import { parseSelect, project } from '../odata/projection';

/** Groups per delta page. */
export const GROUP_DELTA_PAGE_SIZE = 100;
/** Members per page of a first round, over all its groups. */
export const GROUP_DELTA_MEMBERS_PER_PAGE = 1000;
/** Graph tracks at most 50 groups by id in one delta query (`$filter=id eq '…' or id eq '…'`). */
export const MAX_TRACKED_GROUP_IDS = 50;

interface GroupDeltaOptions {
  /** Selected group properties (without `members`), or null for the default set. */
  select: string[] | null;
  /** `members` selected: each group carries `members@delta`. */
  members: boolean;
  /** Only these groups (lower case), from `$filter`; null for every group. */
  ids: string[] | null;
}

const ID_CLAUSE = /^id\s+eq\s+'([0-9a-fA-F-]{36})'$/i;

/** The one `$filter` Graph takes on groups delta: ids joined by `or`. */
function trackedIds(raw: string | null): string[] | null {
  if (raw === null) return null;
  const clauses = raw.trim().split(/\s+or\s+/i);
  const ids = clauses.map((clause) => ID_CLAUSE.exec(clause.trim())?.[1]?.toLowerCase());
  if (ids.some((id) => id === undefined))
    throw badRequest(
      `Unsupported filter '${raw}' on groups/delta: only "id eq '{id}'" clauses joined by "or" are supported.`,
      'Request_UnsupportedQuery',
    );
  if (ids.length > MAX_TRACKED_GROUP_IDS)
    throw badRequest(
      `Too many ids in the filter: at most ${MAX_TRACKED_GROUP_IDS} groups can be tracked by one delta query.`,
      'Request_UnsupportedQuery',
    );
  return [...new Set(ids as string[])];
}

function options(request: GraphRequest): GroupDeltaOptions {
  const raw = request.query.get('$select');
  const names = raw?.split(',').map((name) => name.trim()) ?? [];
  const members = names.includes('members');
  const rest = names.filter((name) => name !== 'members' && name !== '');
  const select =
    raw === null ? null : rest.length > 0 ? (parseSelect(rest.join(','), 'group') ?? null) : ['id'];
  return { select, members, ids: trackedIds(request.query.get('$filter')) };
}

/** A member as `members@delta` lists it: its type and id, `@removed` when it left the group. */
function memberItem(memberType: 'user' | 'group', id: string, removed: boolean): Record<string, unknown> {
  return {
    '@odata.type': `#microsoft.graph.${memberType}`,
    id,
    ...(removed ? { '@removed': { reason: 'deleted' } } : {}),
  };
}

/** A group with its selected properties and always its `id`. */
function groupItem(group: FixtureGroup, options: GroupDeltaOptions): Record<string, unknown> {
  const projected = project('group', group, options.select ?? undefined);
  return 'id' in projected ? projected : { ...projected, id: group.id };
}

function tracked(options: GroupDeltaOptions, groupId: string): boolean {
  return options.ids === null || options.ids.includes(groupId);
}

/** Where the next page of a first round starts: a group of the listing, and a member of it. */
interface InitialCursor {
  group: number;
  member: number;
}

const GROUPS: DeltaSource<GroupDeltaOptions, InitialCursor> = {
  resource: 'groups',
  options,
  contextSelect: (options) =>
    options.select ? [...options.select, ...(options.members ? ['members'] : [])] : undefined,
  position: (tenant: MemoryTenant) => tenant.groups.changes.position,
  /**
   * Every tracked group with all its current direct members. A page holds at most 100 groups and 1,000
   * members: a larger group continues on the next page, the group object repeated with the next members
   * (clients merge the parts, as they must for Graph's large groups).
   */
  initialPage(tenant, options, cursor = { group: 0, member: 0 }) {
    const groups = tenant.groups.all().filter((group) => tracked(options, group.id));
    const value: unknown[] = [];
    let budget = GROUP_DELTA_MEMBERS_PER_PAGE;
    let { group: at, member: from } = cursor;
    for (; at < groups.length && value.length < GROUP_DELTA_PAGE_SIZE && budget > 0; at++, from = 0) {
      const group = groups[at];
      const item = groupItem(group, options);
      if (!options.members) {
        value.push(item);
        continue;
      }
      const members: Record<string, unknown>[] = [];
      let next = from;
      for (; next < group.emulatorMemberIds.length && members.length < budget; next++) {
        const member = resolveDirectoryObject(tenant, group.emulatorMemberIds[next]);
        if (member) members.push(memberItem(member.kind, member.object.id, false));
      }
      value.push({ ...item, 'members@delta': members });
      budget -= members.length;
      if (next < group.emulatorMemberIds.length) return { value, next: { group: at, member: next } };
    }
    return at < groups.length ? { value, next: { group: at, member: 0 } } : { value };
  },
  /** Changed groups with their current properties and only the members added or removed since. */
  changesPage(tenant, options, since, until, offset) {
    const changed = tenant.groups.changes
      .changedBetween(since, until)
      .filter((entry) => tracked(options, entry.groupId));
    const value = changed.slice(offset, offset + GROUP_DELTA_PAGE_SIZE).map((entry) => {
      const group = tenant.groups.byObjectId(entry.groupId);
      if (entry.deleted || !group) return { id: entry.groupId, '@removed': { reason: 'deleted' } };
      const item = groupItem(group, options);
      if (!options.members) return item;
      const members = [...entry.members].map(([id, change]) =>
        memberItem(change.memberType, id, !change.present),
      );
      return { ...item, 'members@delta': members };
    });
    const next = offset + GROUP_DELTA_PAGE_SIZE;
    return next < changed.length ? { value, next } : { value };
  },
};

export const GROUP_DELTA_ROUTES: GraphRoute[] = [
  route('GET', 'groups/delta', PERMISSIONS.readGroupMembers, deltaFunction(GROUPS), 5),
];
