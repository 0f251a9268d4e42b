import { randomUUIDv7 } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { SyncRunKind } from '@archive365/contracts';
import { DirectoryReadError } from '../graph/directory-read.error';
import { DirectoryReader, type DirectoryUser } from '../graph/directory-reader';
import type { GraphSession } from '../graph/graph-session';
import { readGroupChanges, readGroups } from '../graph/group-reads';
import { membershipChanges, membershipOf, type GroupState } from '../graph/group-state';
import { classifyUser, type Scope } from '../planning/classify-user';
import type { FirstSyncWrite } from '../planning/first-sync.repository';
import { normalizeUser } from '../planning/normalize-user';
import { PlanStagingRepository, type StageContext } from '../planning/plan-staging.repository';
import { markRepeated, SeenOids } from '../planning/seen-oids';
import type { StagedUser } from '../planning/staged-user';
import type { SyncProfile } from '../sync-profiles/sync-profile.entity';
import { GroupStateRepository } from './group-state.repository';
import type { RunProgress } from './run-progress';
import { SyncRunsRepository } from './sync-runs.repository';

export interface ReadOutcome {
  /** What was actually read: a delta falls back to a full read when its link is missing or refused. */
  kind: SyncRunKind;
  tenantId: string;
  usersRead: number;
  /** Where the next incremental run starts; null for previews. */
  nextDeltaLink: string | null;
  /** Why the kind changed, for the run's record. */
  note?: string;
  /** Users read but left out of the plan table (nothing to do for them), for the run's counts. */
  unstaged: { unchanged: number; excluded: number };
}

/**
 * Ids of new archive users and archives: time-ordered (UUIDv7), so a run's new rows land at the end of
 * their primary-key indexes instead of on random pages; that took a sixth off PostgreSQL's work for
 * a first sync's 100,000 inserts.
 */
const newId = randomUUIDv7;

function staged(user: DirectoryUser, scope: Scope): StagedUser {
  const verdict = classifyUser(user, scope);
  const { oid, userName, displayName, primaryAddress, aliases, attrsHash } = normalizeUser(user);
  // Field by field rather than spread: the object is made with its final shape at once.
  return {
    oid,
    userName,
    displayName,
    primaryAddress,
    aliases,
    attrsHash,
    included: verdict.included,
    reasons: verdict.reasons,
    source: 'directory',
    newUserId: newId(),
    newArchiveId: newId(),
  };
}

/**
 * Reads the directory for one run into its plan table, streaming page by page (memory does not grow
 * with the tenant). Throws DirectoryReadError when the source could not be read completely.
 */
@Injectable()
export class DirectoryRead {
  constructor(
    private readonly staging: PlanStagingRepository,
    private readonly runs: SyncRunsRepository,
    private readonly groupStates: GroupStateRepository,
  ) {}

  async run(
    runId: string,
    requested: SyncRunKind,
    profile: SyncProfile,
    graph: GraphSession,
    progress: RunProgress,
    firstSync?: FirstSyncWrite,
  ): Promise<ReadOutcome> {
    const reader = new DirectoryReader(graph);
    const tenantId = await graph.tenantId();
    const groupsFilter = profile.userFilter === 'groups';
    const deltaFrom = requested === 'delta' ? profile.deltaLink : null;
    // Asked at once, each a round trip to Graph: the rooms (only when it matters: rooms and shared
    // mailboxes are treated differently) and, for a full read, where tracking starts (below).
    const rooms =
      profile.includeRooms === profile.includeSharedMailboxes ? undefined : reader.roomAddresses();
    let latest = requested !== 'preview' && !deltaFrom ? reader.latestDeltaLink() : undefined;
    rooms?.catch(() => undefined);
    latest?.catch(() => undefined);
    const scope: Scope = {
      filter: profile.userFilter,
      includeGuests: profile.includeGuests,
      includeSharedMailboxes: profile.includeSharedMailboxes,
      includeRooms: profile.includeRooms,
      includeDisabled: profile.includeDisabled,
      roomAddresses: await rooms,
    };
    const context: StageContext = {
      runId,
      instanceId: profile.instanceId,
      leaverAction: profile.leaverAction,
      everyone: requested === 'preview',
      replaces: false,
      firstSync,
    };
    let note: string | undefined;
    if (deltaFrom) {
      const changes = await this.readChanges(context, reader, scope, profile, deltaFrom, progress);
      if (typeof changes !== 'string') return { kind: 'delta', tenantId, ...changes };
      note = changes;
      latest = reader.latestDeltaLink();
    } else if (requested === 'delta') {
      note = 'no delta link yet: a full read was done instead';
    }
    // Tracking starts before the read, so changes made during it show in the next delta.
    const nextDeltaLink = (await latest) ?? null;
    let groups: GroupState | undefined;
    if (groupsFilter) {
      groups = await readGroups(reader, profile.groupIds);
      scope.membership = membershipOf(groups);
    }
    let usersRead = 0;
    let matched = 0;
    const unstaged = { unchanged: 0, excluded: 0 };
    const seen = new SeenOids();
    const encode = PlanStagingRepository.encoderFor(context);
    const convert = (users: DirectoryUser[]) => ({
      count: users.length,
      encoded: encode(
        markRepeated(
          seen,
          users.map((user) => staged(user, scope)),
        ),
      ),
    });
    for await (const page of reader.users(convert)) {
      const tally = await this.staging.stageEncoded(context, page.encoded);
      unstaged.unchanged += tally.unchanged;
      unstaged.excluded += tally.excluded;
      matched += tally.matched;
      usersRead += page.count;
      // The run's record follows the progress events (every half second, not every page: an update
      // per page held each page's write up by a round trip and a commit); the run's end writes the total.
      if (progress.report('reading', usersRead)) await this.runs.recordRead(runId, usersRead);
    }
    // Archive users the complete read did not return at all have left the directory (a first sync
    // commits its plan rows instead).
    await this.staging.completeRead(context, seen, matched);
    if (groups && requested !== 'preview') await this.groupStates.save(runId, profile.instanceId, groups);
    return {
      kind: requested === 'preview' ? 'preview' : 'full',
      tenantId,
      usersRead,
      nextDeltaLink,
      note,
      unstaged,
    };
  }

  /**
   * An incremental read from the profile's delta link (and, for the groups filter, from the groups'
   * delta links). Answers why a full read is due instead when there is nothing to start from or a
   * link expired or was refused.
   */
  private async readChanges(
    context: StageContext,
    reader: DirectoryReader,
    scope: Scope,
    profile: SyncProfile,
    deltaLink: string,
    progress: RunProgress,
  ): Promise<Pick<ReadOutcome, 'usersRead' | 'nextDeltaLink' | 'unstaged'> | string> {
    // The groups filter also needs what the last committed run knew of the same groups.
    const groups =
      profile.userFilter === 'groups' ? await this.groupStates.current(profile.instanceId) : undefined;
    if (profile.userFilter === 'groups' && (!groups || !sameIds(groups.chosen, profile.groupIds)))
      return 'no group delta link for the chosen groups yet: a full read was done instead';
    let reading: 'group' | 'user' = 'group';
    try {
      let membershipChanged: string[] = [];
      if (groups) {
        // Membership changes first: the users delta's users are judged against the new membership.
        const before = membershipOf(groups);
        await readGroupChanges(reader, groups);
        scope.membership = membershipOf(groups);
        membershipChanged = membershipChanges(before, scope.membership);
      }
      reading = 'user';
      // Delta pages may repeat a user: the latest version wins, even when it is one with nothing to do.
      const read = await this.readDelta(
        { ...context, replaces: true },
        reader,
        scope,
        deltaLink,
        progress,
        membershipChanged,
      );
      if (groups) await this.groupStates.save(context.runId, profile.instanceId, groups);
      return { usersRead: read.usersRead, nextDeltaLink: read.deltaLink, unstaged: read.unstaged };
    } catch (error) {
      if (!(error instanceof DirectoryReadError) || error.failure !== 'delta-expired') throw error;
      await this.runs.update(context.runId, { usersRead: 0 });
      await this.staging.dropRun(context.runId);
      return `the ${reading === 'group' ? 'group ' : ''}delta link expired or was refused: a full read was done instead`;
    }
  }

  /**
   * The users delta from `deltaLink`; then the users who joined or left the chosen groups without a
   * change of their own (`membershipChanged` minus those the delta returned), read by id.
   */
  private async readDelta(
    context: StageContext,
    reader: DirectoryReader,
    scope: Scope,
    deltaLink: string,
    progress: RunProgress,
    membershipChanged: string[],
  ): Promise<{ usersRead: number; deltaLink: string; unstaged: ReadOutcome['unstaged'] }> {
    const { runId } = context;
    let usersRead = 0;
    const unstaged = { unchanged: 0, excluded: 0 };
    const stage = async (rows: StagedUser[]) => {
      const tally = await this.staging.stage(context, rows);
      unstaged.unchanged += tally.unchanged;
      unstaged.excluded += tally.excluded;
      usersRead += rows.length;
      if (progress.report('reading', usersRead)) await this.runs.recordRead(runId, usersRead);
    };
    const returned = new Set<string>();
    let nextDeltaLink: string | undefined;
    for await (const page of reader.delta(deltaLink)) {
      const rows: StagedUser[] = page.users.map((user) => staged(user, scope));
      for (const oid of page.removed) {
        rows.push({
          oid,
          userName: oid,
          displayName: oid,
          primaryAddress: oid,
          aliases: [],
          attrsHash: '',
          included: false,
          reasons: ['deleted in the directory'],
          source: 'removed',
          newUserId: newId(),
          newArchiveId: newId(),
        });
      }
      for (const row of rows) returned.add(row.oid);
      await stage(rows);
      nextDeltaLink = page.deltaLink;
      if (nextDeltaLink) break;
    }
    if (!nextDeltaLink) throw new DirectoryReadError('unavailable', 'the delta ended without a delta link');
    const unread = membershipChanged.filter((oid) => !returned.has(oid));
    for await (const users of reader.usersByIds(unread, (page) => page)) {
      await stage(users.map((user) => staged(user, scope)));
    }
    return { usersRead, deltaLink: nextDeltaLink, unstaged };
  }
}

function sameIds(a: string[], b: string[]): boolean {
  const lower = (ids: string[]) => [...new Set(ids.map((id) => id.toLowerCase()))].sort().join(',');
  return lower(a) === lower(b);
}
