import { IsOptional, IsUUID, Matches } from 'class-validator';
import { INSTANCE_ALIAS_PATTERN } from '../instances/instance.dto';

export class AssignSyncCredentialRequest {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'instanceAlias must be a valid instance alias' })
  instanceAlias!: string;

  /** The credential directory sync reads the directory with; omit to clear it. */
  @IsOptional()
  @IsUUID('all', { message: 'credentialId must be a credential id (GUID)' })
  credentialId?: string;
}

export interface SyncProfileView {
  instanceAlias: string;
  userFilter: 'licensed' | 'enabled' | 'groups';
  leaverAction: 'disable-login' | 'delete';
  credentialId?: string;
}
