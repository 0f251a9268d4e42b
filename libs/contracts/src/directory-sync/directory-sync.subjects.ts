import { CredentialUsageRequest, type CredentialUsageReply } from '../credentials/credential.dto';
import { eventSubject } from '../events/event-subject';
import { rpcSubject } from '../rpc/subject';
import {
  FindArchiveUserByAddressRequest,
  ListArchiveUsersRequest,
  type ArchiveUsersPage,
  type ArchiveUserView,
} from './archive-user.dto';
import {
  ArchiveUsersChangedEvent,
  SyncRunEndedEvent,
  SyncRunProgressEvent,
} from './directory-sync.events.dto';
import { SearchGroupsRequest, type SearchGroupsReply } from './group-search.dto';
import {
  GetSyncConfigurationRequest,
  UpdateSyncConfigurationRequest,
  type SyncConfigurationView,
} from './sync-configuration.dto';
import {
  AssignSyncCredentialRequest,
  CheckSignInRequest,
  type CheckSignInReply,
  type SyncProfileView,
} from './sync-profile.dto';
import {
  DecideSyncRunRequest,
  ListPlanItemsRequest,
  ListSyncRunsRequest,
  ResolveRecreatedUserRequest,
  StartSyncRequest,
  SyncRunRef,
  type PlanItemsPage,
  type ResolveRecreatedUserReply,
  type SyncRunView,
} from './sync-run.dto';

/** Served by the directory-sync service. */
export const DirectorySyncSubjects = {
  AssignSyncCredential: rpcSubject<AssignSyncCredentialRequest, SyncProfileView>(
    'directory-sync.profiles.assign-credential',
    AssignSyncCredentialRequest,
  ),
  /** Answered by every service that can hold a reference to a credential (today: directory-sync). */
  DirectorySyncCredentialUsage: rpcSubject<CredentialUsageRequest, CredentialUsageReply>(
    'directory-sync.credential-usage',
    CredentialUsageRequest,
    { callers: ['credentials'] },
  ),
  /** May (tid, oid) sign in to the instance? Answered from directory-sync's own archive users. */
  CheckSignIn: rpcSubject<CheckSignInRequest, CheckSignInReply>(
    'directory-sync.sign-in.check',
    CheckSignInRequest,
    {
      callers: ['auth-gateway'],
    },
  ),
  GetSyncConfiguration: rpcSubject<GetSyncConfigurationRequest, SyncConfigurationView>(
    'directory-sync.configuration.get',
    GetSyncConfigurationRequest,
  ),
  UpdateSyncConfiguration: rpcSubject<UpdateSyncConfigurationRequest, SyncConfigurationView>(
    'directory-sync.configuration.update',
    UpdateSyncConfigurationRequest,
  ),
  /** Groups of the directory by name (Graph `$search`), read with the instance's sync credential. */
  SearchGroups: rpcSubject<SearchGroupsRequest, SearchGroupsReply>(
    'directory-sync.groups.search',
    SearchGroupsRequest,
  ),
  /** Starts a preview ("Test settings"), a full or a delta run; answers at once, the run goes on. */
  StartSync: rpcSubject<StartSyncRequest, SyncRunView>('directory-sync.runs.start', StartSyncRequest),
  GetSyncRun: rpcSubject<SyncRunRef, SyncRunView>('directory-sync.runs.get', SyncRunRef),
  ListSyncRuns: rpcSubject<ListSyncRunsRequest, SyncRunView[]>(
    'directory-sync.runs.list',
    ListSyncRunsRequest,
  ),
  /** Approve or reject a run held by a threshold or a suspicious directory result. */
  DecideSyncRun: rpcSubject<DecideSyncRunRequest, SyncRunView>(
    'directory-sync.runs.decide',
    DecideSyncRunRequest,
  ),
  /** The plan of a run (the preview), paged and filtered. */
  ListPlanItems: rpcSubject<ListPlanItemsRequest, PlanItemsPage>(
    'directory-sync.runs.plan-items',
    ListPlanItemsRequest,
  ),
  ResolveRecreatedUser: rpcSubject<ResolveRecreatedUserRequest, ResolveRecreatedUserReply>(
    'directory-sync.recreated-users.resolve',
    ResolveRecreatedUserRequest,
  ),
  ListArchiveUsers: rpcSubject<ListArchiveUsersRequest, ArchiveUsersPage>(
    'directory-sync.archive-users.list',
    ListArchiveUsersRequest,
  ),
  FindArchiveUserByAddress: rpcSubject<FindArchiveUserByAddressRequest, ArchiveUserView | null>(
    'directory-sync.archive-users.by-address',
    FindArchiveUserByAddressRequest,
  ),
} as const;

export const DirectorySyncEvents = {
  ArchiveUsersChanged: eventSubject<ArchiveUsersChangedEvent>(
    'directory-sync.archive-users.changed',
    ArchiveUsersChangedEvent,
    { publisher: 'directory-sync' },
  ),
  SyncRunProgress: eventSubject<SyncRunProgressEvent>('directory-sync.run.progress', SyncRunProgressEvent, {
    publisher: 'directory-sync',
  }),
  SyncRunEnded: eventSubject<SyncRunEndedEvent>('directory-sync.run.ended', SyncRunEndedEvent, {
    publisher: 'directory-sync',
  }),
} as const;
