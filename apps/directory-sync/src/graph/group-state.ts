import type { GroupMembership } from './directory-reader';

export type MemberKind = 'user' | 'group';

/** One tracked group as sync keeps it: its name (for the reasons) and its direct members, in order. */
export interface TrackedGroup {
  name: string;
  /** Member id (lower case) to its kind; insertion order is Graph's listing order. */
  members: Map<string, MemberKind>;
}

/** Graph tracks at most 50 groups in one groups delta query (`$filter=id eq … or …`). */
export const GROUPS_PER_DELTA_LINK = 50;

/** Where the next round of one groups delta query starts, and which groups it follows. */
export interface GroupDeltaLink {
  groupIds: string[];
  deltaLink: string;
}

/**
 * What sync knows of the groups filter's groups between runs: the direct edges group -> member of the
 * chosen groups and of every group found under them, and the delta links that report their changes.
 */
export interface GroupState {
  /** The profile's chosen groups (lower case) this state was read for. */
  chosen: string[];
  groups: Map<string, TrackedGroup>;
  links: GroupDeltaLink[];
}

/** One group of a groups delta page: `members@delta` adds members, or removes those marked `@removed`. */
export interface GroupDeltaItem {
  id: string;
  displayName?: string;
  /** The group was deleted. */
  removed: boolean;
  added: [string, MemberKind][];
  removedMembers: string[];
}

/**
 * Applies one delta item. A first round lists every member as added; Graph may split a large group's
 * members over several items, and replays happen: adding a member twice or removing one that is not
 * there changes nothing.
 */
export function applyGroupDelta(state: GroupState, item: GroupDeltaItem): void {
  const id = item.id.toLowerCase();
  if (item.removed) {
    state.groups.delete(id);
    return;
  }
  let group = state.groups.get(id);
  if (!group) {
    group = { name: item.displayName ?? id, members: new Map() };
    state.groups.set(id, group);
  }
  if (item.displayName) group.name = item.displayName;
  for (const member of item.removedMembers) group.members.delete(member.toLowerCase());
  for (const [member, kind] of item.added) group.members.set(member.toLowerCase(), kind);
}

/** The chosen groups and every group under them, each once. */
function reachableGroups(state: GroupState): Set<string> {
  const visited = new Set<string>();
  const queue = [...state.chosen];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (visited.has(id)) continue;
    visited.add(id);
    for (const [member, kind] of state.groups.get(id)?.members ?? [])
      if (kind === 'group') queue.push(member);
  }
  return visited;
}

/** Groups under the chosen ones (the chosen included) that no delta link follows yet. */
export function untrackedGroups(state: GroupState): string[] {
  const tracked = new Set(state.links.flatMap((link) => link.groupIds));
  return [...reachableGroups(state)].filter((id) => !tracked.has(id));
}

/**
 * Stops following the links none of whose groups is under a chosen group any more (each costs a
 * request per run); should one of their groups come back, it is read again like a new one.
 */
export function forgetUnreachable(state: GroupState): void {
  const reachable = reachableGroups(state);
  const [kept, dropped] = [[], []] as [GroupDeltaLink[], GroupDeltaLink[]];
  for (const link of state.links) (link.groupIds.some((id) => reachable.has(id)) ? kept : dropped).push(link);
  state.links = kept;
  for (const id of dropped.flatMap((link) => link.groupIds)) state.groups.delete(id);
}

/**
 * Per user, how they are a member of each chosen group: breadth first over the direct members, each
 * group once (a cycle ends where it closes), the first path that reaches a user is theirs.
 */
export function membershipOf(state: GroupState): GroupMembership {
  const membership: GroupMembership = new Map();
  for (const chosen of state.chosen) {
    const root = state.groups.get(chosen);
    if (!root) continue;
    const visited = new Set([chosen]);
    const reached = new Set<string>();
    let frontier: { id: string; path: string[] }[] = [{ id: chosen, path: [root.name] }];
    while (frontier.length > 0) {
      const next: typeof frontier = [];
      for (const group of frontier) {
        for (const [member, kind] of state.groups.get(group.id)?.members ?? []) {
          if (kind === 'group') {
            if (visited.has(member)) continue;
            visited.add(member);
            next.push({ id: member, path: [...group.path, state.groups.get(member)?.name ?? member] });
          } else if (!reached.has(member)) {
            reached.add(member);
            const known = membership.get(member);
            if (known) known.push(group.path);
            else membership.set(member, [group.path]);
          }
        }
      }
      frontier = next;
    }
  }
  return membership;
}

/** Users whose being in scope differs between two memberships (joined or left the chosen groups). */
export function membershipChanges(before: GroupMembership, after: GroupMembership): string[] {
  const changed = [...after.keys()].filter((user) => !before.has(user));
  for (const user of before.keys()) if (!after.has(user)) changed.push(user);
  return changed;
}
