/** One change to a group: created, deleted, or a direct member added or removed. */
export type GroupChange =
  | { groupId: string; kind: 'created' | 'deleted' }
  | { groupId: string; kind: 'added' | 'removed'; memberId: string; memberType: 'user' | 'group' };

/** What a round of `/groups/delta` reports for one group: its state and its net membership changes. */
export interface GroupDeltaEntry {
  groupId: string;
  deleted: boolean;
  /** Per member: its type and whether it is a member at the end of the range. */
  members: Map<string, { memberType: 'user' | 'group'; present: boolean }>;
}

/**
 * Ordered record of group changes, for `/groups/delta`, in the manner of the users' change log: a
 * delta token remembers a position, and the next round reports what changed after it (each group
 * once, ordered by its latest change; each member once, with its latest state).
 */
export class GroupChangeLog {
  private readonly entries: GroupChange[] = [];
  private lastRange?: { from: number; until: number; groups: readonly GroupDeltaEntry[] };

  get position(): number {
    return this.entries.length;
  }

  record(change: GroupChange): void {
    this.entries.push(change);
  }

  /** Groups changed in (from, until]; a range never changes once recorded. Do not mutate. */
  changedBetween(from: number, until: number): readonly GroupDeltaEntry[] {
    const end = Math.min(until, this.entries.length);
    if (this.lastRange?.from === from && this.lastRange.until === end) return this.lastRange.groups;
    const byGroup = new Map<string, GroupDeltaEntry>();
    for (let position = from; position < end; position++) {
      const change = this.entries[position];
      const entry = byGroup.get(change.groupId) ?? {
        groupId: change.groupId,
        deleted: false,
        members: new Map(),
      };
      byGroup.delete(change.groupId);
      byGroup.set(change.groupId, entry);
      if (change.kind === 'added' || change.kind === 'removed')
        entry.members.set(change.memberId, {
          memberType: change.memberType,
          present: change.kind === 'added',
        });
      else entry.deleted = change.kind === 'deleted';
    }
    const groups = [...byGroup.values()];
    this.lastRange = { from, until: end, groups };
    return groups;
  }
}
