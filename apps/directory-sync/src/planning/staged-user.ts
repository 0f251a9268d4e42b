import type { ArchiveIdentity } from './normalize-user';

/** One row of a run's plan as read from the directory (or a removal reported by a delta). */
export interface StagedUser extends ArchiveIdentity {
  included: boolean;
  reasons: string[];
  /** directory: read in this run; removed: a delta said the user was deleted. */
  source: 'directory' | 'removed';
  /** Ids the archive user and archive get if the plan creates them (made here: SQLite has no UUID function). */
  newUserId: string;
  newArchiveId: string;
  /**
   * The read may have returned this user before (Graph may repeat one across pages): the first sync's
   * write then looks for the user's row instead of inserting it. See markRepeated.
   */
  repeated?: boolean;
}

/** The users of a page, each once: the last version of a user the page holds twice (delta replays). */
export function lastVersions(users: StagedUser[]): StagedUser[] {
  return [...new Map(users.map((user) => [user.oid, user])).values()];
}
