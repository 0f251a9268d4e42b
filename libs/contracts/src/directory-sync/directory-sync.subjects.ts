import { CredentialUsageRequest, type CredentialUsageReply } from '../credentials/credential.dto';
import { rpcSubject } from '../rpc/subject';
import {
  AssignSyncCredentialRequest,
  CheckSignInRequest,
  type CheckSignInReply,
  type SyncProfileView,
} from './sync-profile.dto';

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
} as const;

export const DirectorySyncEvents = {} as const;
