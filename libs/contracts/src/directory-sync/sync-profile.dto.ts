import { IsUUID, Matches } from 'class-validator';
import { OptionalField } from '../validation/safe-text';
import { TENANT_ID_PATTERN } from '../credentials/credential.dto';
import { INSTANCE_ALIAS_PATTERN } from '../instances/instance.dto';

export class AssignSyncCredentialRequest {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'instanceAlias must be a valid instance alias' })
  instanceAlias!: string;

  /** The credential directory sync reads the directory with; omit to clear it. */
  @OptionalField()
  @IsUUID('all', { message: 'credentialId must be a credential id (GUID)' })
  credentialId?: string;
}

export interface SyncProfileView {
  instanceAlias: string;
  userFilter: 'licensed' | 'enabled' | 'groups';
  leaverAction: 'disable-login' | 'delete';
  credentialId?: string;
}

/** Asked by the sign-in gateway on its hot path: may this Microsoft identity sign in to this instance? */
export class CheckSignInRequest {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'instanceAlias must be a valid instance alias' })
  instanceAlias!: string;

  /** `tid` of the validated token. */
  @Matches(TENANT_ID_PATTERN, { message: 'tenantId must be a directory (tenant) ID (GUID)' })
  tenantId!: string;

  /** `oid` of the validated token: the directory object id, which keys archive users. */
  @IsUUID('all', { message: 'oid must be the directory object id (GUID) from the token' })
  oid!: string;
}

export type SignInRefusal = 'unknown-instance' | 'wrong-tenant' | 'not-synchronized' | 'disabled';

export interface SignInArchiveUser {
  archiveUserId: string;
  userName: string;
  displayName: string;
  primaryAddress: string;
}

export type CheckSignInReply =
  { allowed: true; user: SignInArchiveUser } | { allowed: false; reason: SignInRefusal };
