import type { FixtureUser } from '../fixture/fixture.types';
import { DirectoryError } from './directory-error';
import type { EmulatorClock } from '../shared/clock';
import { UserChangeLog } from './user-change-log';

/** A soft-deleted user: restorable for 30 days, reported by delta as `@removed: {reason: "changed"}`. */
export interface DeletedUser {
  user: FixtureUser;
  sequence: number;
}

/**
 * The users of one tenant with the indexes Graph needs: by id, by UPN (case-insensitive), and a stable
 * listing order (a sequence number per user) so `$skiptoken` paging survives concurrent changes.
 * Fixture users are copied shallowly (nested values are replaced, never mutated), so a 100,000-user
 * tenant loads quickly and the caller's fixture stays untouched.
 */
export class UserDirectory {
  readonly changes = new UserChangeLog();
  private readonly byId = new Map<string, FixtureUser>();
  private readonly byPrincipalName = new Map<string, FixtureUser>();
  private readonly sequenceOf = new Map<string, number>();
  private readonly deleted = new Map<string, DeletedUser>();
  /** Live users ordered by sequence number. */
  private ordered: FixtureUser[] = [];
  private nextSequence = 1;

  constructor(private readonly clock: EmulatorClock) {}

  /** Bulk load from a fixture: indexes only, no change records (the fixture is the delta baseline). */
  loadAll(users: FixtureUser[]): void {
    for (const fixtureUser of users) {
      // A shallow copy: changes never leak into the caller's fixture (or another emulator loaded from it).
      const user = { ...fixtureUser };
      this.assertNew(user);
      this.index(user, this.nextSequence++);
      this.ordered.push(user);
    }
  }

  get count(): number {
    return this.ordered.length;
  }

  /** Live users in listing order; do not mutate. */
  all(): readonly FixtureUser[] {
    return this.ordered;
  }

  byObjectId(id: string): FixtureUser | undefined {
    return this.byId.get(id.toLowerCase());
  }

  byUpn(userPrincipalName: string): FixtureUser | undefined {
    return this.byPrincipalName.get(userPrincipalName.toLowerCase());
  }

  /** Graph addresses a user by id or by userPrincipalName in the same path segment. */
  byIdOrUpn(idOrUpn: string): FixtureUser | undefined {
    return this.byObjectId(idOrUpn) ?? this.byUpn(idOrUpn);
  }

  deletedById(id: string): DeletedUser | undefined {
    return this.deleted.get(id.toLowerCase());
  }

  deletedUsers(): FixtureUser[] {
    return [...this.deleted.values()].map((entry) => entry.user);
  }

  sequence(userId: string): number | undefined {
    return this.sequenceOf.get(userId);
  }

  /** Index in listing order of the first live user whose sequence number is greater than `sequence`. */
  positionAfter(sequence: number): number {
    let low = 0;
    let high = this.ordered.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.sequenceOf.get(this.ordered[middle].id) ?? 0) <= sequence) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  create(user: FixtureUser): FixtureUser {
    this.assertNew(user);
    this.index(user, this.nextSequence++);
    this.ordered.push(user);
    this.changes.record(user.id);
    return user;
  }

  /** Applies Graph-style partial updates (a property set to null clears it). */
  patch(id: string, changes: Partial<FixtureUser>): FixtureUser {
    const user = this.require(id);
    if (changes.id !== undefined && changes.id !== user.id) {
      throw new DirectoryError('badRequest', 'Property id is read-only and cannot be changed.');
    }
    const newUpn = changes.userPrincipalName;
    if (newUpn !== undefined && newUpn.toLowerCase() !== user.userPrincipalName.toLowerCase()) {
      if (this.byPrincipalName.has(newUpn.toLowerCase())) {
        throw new DirectoryError(
          'conflict',
          'Another object with the same value for property userPrincipalName already exists.',
        );
      }
      this.byPrincipalName.delete(user.userPrincipalName.toLowerCase());
      this.byPrincipalName.set(newUpn.toLowerCase(), user);
    }
    Object.assign(user, changes);
    this.changes.record(user.id);
    return user;
  }

  /** Records a change made elsewhere (licenses, memberships) so delta reports the user again. */
  touch(id: string): void {
    this.require(id);
    this.changes.record(id.toLowerCase());
  }

  /** Moves the user to the deleted items (restorable), as `DELETE /users/{id}` does. */
  softDelete(id: string): FixtureUser {
    const user = this.require(id);
    const sequence = this.sequenceOf.get(user.id) ?? 0;
    this.unindex(user);
    user.deletedDateTime = this.clock.nowIso();
    this.deleted.set(user.id, { user, sequence });
    this.changes.record(user.id);
    return user;
  }

  restore(id: string): FixtureUser {
    const entry = this.deleted.get(id.toLowerCase());
    if (!entry) throw new DirectoryError('notFound', `Deleted user '${id}' does not exist or was purged.`);
    if (this.byPrincipalName.has(entry.user.userPrincipalName.toLowerCase())) {
      throw new DirectoryError(
        'conflict',
        'Another object with the same value for property userPrincipalName already exists.',
      );
    }
    this.deleted.delete(entry.user.id);
    entry.user.deletedDateTime = null;
    this.index(entry.user, entry.sequence);
    this.ordered.splice(this.positionAfter(entry.sequence), 0, entry.user);
    this.changes.record(entry.user.id);
    return entry.user;
  }

  /** Permanently deletes a soft-deleted (or live) user; delta then reports `@removed: {reason: "deleted"}`. */
  purge(id: string): FixtureUser {
    const key = id.toLowerCase();
    const live = this.byId.get(key);
    if (live) this.softDelete(key);
    const entry = this.deleted.get(key);
    if (!entry) throw new DirectoryError('notFound', `User '${id}' does not exist.`);
    this.deleted.delete(key);
    this.changes.record(key);
    return entry.user;
  }

  private require(id: string): FixtureUser {
    const user = this.byIdOrUpn(id);
    if (!user) throw new DirectoryError('notFound', `User '${id}' does not exist.`);
    return user;
  }

  private assertNew(user: FixtureUser): void {
    if (!user.id || !user.userPrincipalName) {
      throw new DirectoryError('badRequest', 'Every user needs an id and a userPrincipalName.');
    }
    if (this.byId.has(user.id.toLowerCase()) || this.deleted.has(user.id.toLowerCase())) {
      throw new DirectoryError('conflict', `A user with id '${user.id}' already exists.`);
    }
    if (this.byPrincipalName.has(user.userPrincipalName.toLowerCase())) {
      throw new DirectoryError(
        'conflict',
        'Another object with the same value for property userPrincipalName already exists.',
      );
    }
  }

  private index(user: FixtureUser, sequence: number): void {
    user.id = user.id.toLowerCase();
    this.byId.set(user.id, user);
    this.byPrincipalName.set(user.userPrincipalName.toLowerCase(), user);
    this.sequenceOf.set(user.id, sequence);
  }

  private unindex(user: FixtureUser): void {
    const position = this.positionAfter((this.sequenceOf.get(user.id) ?? 0) - 1);
    const at = this.ordered[position] === user ? position : this.ordered.indexOf(user);
    if (at >= 0) this.ordered.splice(at, 1);
    this.byId.delete(user.id);
    this.byPrincipalName.delete(user.userPrincipalName.toLowerCase());
    this.sequenceOf.delete(user.id);
  }
}
