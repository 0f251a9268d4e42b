import type { FixtureGroup } from '../fixture/fixture.types';
import { DirectoryError } from './directory-error';
import { GroupChangeLog } from './group-change-log';

/**
 * The groups of one tenant, their direct members (users or groups) and the reverse index
 * (member id → groups) that `memberOf` needs. Transitive expansion is done on demand with a
 * visited set, so cycles and diamonds yield each member once, as Graph's transitiveMembers does.
 */
export class GroupDirectory {
  /** What `/groups/delta` reports: groups created and deleted, members added and removed. */
  readonly changes = new GroupChangeLog();
  private readonly byId = new Map<string, FixtureGroup>();
  private readonly ordered: FixtureGroup[] = [];
  private readonly groupsOfMember = new Map<string, Set<string>>();
  /** Bumped on every membership change; transitive expansions computed before it are stale. */
  private membershipVersion = 0;
  private readonly transitiveCache = new Map<string, { version: number; ids: readonly string[] }>();

  loadAll(groups: FixtureGroup[]): void {
    for (const group of groups) this.add(group);
  }

  add(fixtureGroup: FixtureGroup): FixtureGroup {
    if (!fixtureGroup.id) throw new DirectoryError('badRequest', 'Every group needs an id.');
    const group: FixtureGroup = {
      ...fixtureGroup,
      id: fixtureGroup.id.toLowerCase(),
      emulatorMemberIds: (fixtureGroup.emulatorMemberIds ?? []).map((id) => id.toLowerCase()),
    };
    if (this.byId.has(group.id))
      throw new DirectoryError('conflict', `A group with id '${group.id}' already exists.`);
    this.byId.set(group.id, group);
    this.ordered.push(group);
    this.membershipVersion++;
    this.changes.record({ groupId: group.id, kind: 'created' });
    for (const memberId of group.emulatorMemberIds) {
      this.reverseIndex(memberId).add(group.id);
      this.recordMember(group.id, 'added', memberId);
    }
    return group;
  }

  /** Deletes a group (security groups are not restorable): it leaves the groups it was a member of. */
  remove(groupId: string): FixtureGroup {
    const group = this.require(groupId);
    this.forgetMember(group.id);
    for (const memberId of group.emulatorMemberIds) this.groupsOfMember.get(memberId)?.delete(group.id);
    this.byId.delete(group.id);
    this.ordered.splice(this.ordered.indexOf(group), 1);
    this.transitiveCache.delete(group.id);
    this.membershipVersion++;
    this.changes.record({ groupId: group.id, kind: 'deleted' });
    return group;
  }

  all(): readonly FixtureGroup[] {
    return this.ordered;
  }

  byObjectId(id: string): FixtureGroup | undefined {
    return this.byId.get(id.toLowerCase());
  }

  addMember(groupId: string, memberId: string): void {
    const group = this.require(groupId);
    const member = memberId.toLowerCase();
    if (group.emulatorMemberIds.includes(member)) {
      throw new DirectoryError(
        'badRequest',
        "One or more added object references already exist for the following modified properties: 'members'.",
      );
    }
    if (member === group.id) throw new DirectoryError('badRequest', 'A group cannot be a member of itself.');
    group.emulatorMemberIds.push(member);
    this.reverseIndex(member).add(group.id);
    this.membershipVersion++;
    this.recordMember(group.id, 'added', member);
  }

  removeMember(groupId: string, memberId: string): void {
    const group = this.require(groupId);
    const member = memberId.toLowerCase();
    const at = group.emulatorMemberIds.indexOf(member);
    if (at < 0)
      throw new DirectoryError('notFound', `'${memberId}' is not a direct member of group '${groupId}'.`);
    group.emulatorMemberIds.splice(at, 1);
    this.groupsOfMember.get(member)?.delete(group.id);
    this.membershipVersion++;
    this.recordMember(group.id, 'removed', member);
  }

  /** Removes a purged object from every group it belonged to. */
  forgetMember(memberId: string): void {
    const member = memberId.toLowerCase();
    for (const groupId of this.groupsOfMember.get(member) ?? []) {
      const group = this.byId.get(groupId);
      if (group) group.emulatorMemberIds = group.emulatorMemberIds.filter((id) => id !== member);
      this.recordMember(groupId, 'removed', member);
    }
    this.groupsOfMember.delete(member);
    this.membershipVersion++;
  }

  /** Groups that list `memberId` as a direct member. */
  groupsOf(memberId: string): FixtureGroup[] {
    const ids = this.groupsOfMember.get(memberId.toLowerCase());
    if (!ids) return [];
    return [...ids]
      .map((id) => this.byId.get(id))
      .filter((group): group is FixtureGroup => group !== undefined);
  }

  /** Every group the object belongs to, directly or through nested groups, each once. */
  transitiveGroupIdsOf(memberId: string): string[] {
    const seen = new Set<string>();
    const queue = [memberId.toLowerCase()];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      for (const groupId of this.groupsOfMember.get(next) ?? []) {
        if (seen.has(groupId)) continue;
        seen.add(groupId);
        queue.push(groupId);
      }
    }
    seen.delete(memberId.toLowerCase());
    return [...seen];
  }

  /**
   * Every member reached through nested groups, each once, breadth first; never the group itself.
   * Kept until the next membership change, so paging a large group's transitiveMembers expands it
   * once rather than once per page. Do not mutate.
   */
  transitiveMemberIds(groupId: string): readonly string[] {
    const root = this.require(groupId);
    const cached = this.transitiveCache.get(root.id);
    if (cached?.version === this.membershipVersion) return cached.ids;
    const ids = this.expandMembers(root);
    this.transitiveCache.set(root.id, { version: this.membershipVersion, ids });
    return ids;
  }

  private expandMembers(root: FixtureGroup): string[] {
    const seen = new Set<string>([root.id]);
    const result: string[] = [];
    const queue: FixtureGroup[] = [root];
    for (let next = queue.shift(); next; next = queue.shift()) {
      for (const memberId of next.emulatorMemberIds) {
        if (seen.has(memberId)) continue;
        seen.add(memberId);
        result.push(memberId);
        const nested = this.byId.get(memberId);
        if (nested) queue.push(nested);
      }
    }
    return result;
  }

  /** Any id that is not one of the groups is a user's (members are users or groups). */
  private recordMember(groupId: string, kind: 'added' | 'removed', memberId: string): void {
    const memberType = this.byId.has(memberId) ? 'group' : 'user';
    this.changes.record({ groupId, kind, memberId, memberType });
  }

  private require(id: string): FixtureGroup {
    const group = this.byObjectId(id);
    if (!group) throw new DirectoryError('notFound', `Group '${id}' does not exist.`);
    return group;
  }

  private reverseIndex(memberId: string): Set<string> {
    let groups = this.groupsOfMember.get(memberId);
    if (!groups) {
      groups = new Set();
      this.groupsOfMember.set(memberId, groups);
    }
    return groups;
  }
}
