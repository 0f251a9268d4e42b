import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import {
  MAILBOX_SCOPE_KINDS,
  SetupOptions,
  TENANT_ID_PATTERN,
  type MailboxScopeKind,
} from '@archive365/contracts';

const TENANT_MESSAGE = 'tenantId must be the directory (tenant) ID, a GUID, or a verified domain';

/** Automatic setup: the customer's administrator signs in with the device code the answer shows. */
export class AutomaticSetupBody {
  @IsOptional()
  @IsUUID('all', { message: 'credentialId must be a credential id (GUID)' })
  credentialId?: string;

  @IsOptional()
  @Matches(TENANT_ID_PATTERN, { message: TENANT_MESSAGE })
  tenantId?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => SetupOptions)
  options?: SetupOptions;
}

/** Consent link: the customer's administrator opens the link the answer carries. */
export class ConsentSetupBody {
  @Matches(TENANT_ID_PATTERN, { message: TENANT_MESSAGE })
  tenantId!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => SetupOptions)
  options?: SetupOptions;
}

export class ManualSetupBody {
  @IsUUID('all', { message: 'credentialId must be a credential id (GUID)' })
  credentialId!: string;

  @IsOptional()
  @IsUUID('all', { message: 'applicationObjectId must be the Object ID (GUID) shown on the app overview' })
  applicationObjectId?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => SetupOptions)
  options?: SetupOptions;
}

/** What Microsoft's admin consent page sends back (RFC 6749-style query parameters). */
export class ConsentCallbackQuery {
  @IsString()
  @MaxLength(200)
  state!: string;

  @IsOptional()
  @IsIn(['True', 'true', 'False', 'false'], { message: 'admin_consent must be True or False' })
  admin_consent?: string;

  @IsOptional()
  @IsString()
  @MaxLength(253)
  tenant?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  error?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  error_description?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  error_uri?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  scope?: string;
}

export class GuideQuery {
  @IsUUID('all', { message: 'credentialId must be a credential id (GUID)' })
  credentialId!: string;

  @IsOptional()
  @IsIn(MAILBOX_SCOPE_KINDS, { message: 'syncFilter must be licensed, enabled or groups' })
  syncFilter?: MailboxScopeKind;

  @IsOptional()
  @IsString()
  @MaxLength(320)
  groupAddress?: string;
}

export class DoctorBody {
  @IsOptional()
  @IsUUID('all', { message: 'credentialId must be a credential id (GUID)' })
  credentialId?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => SetupOptions)
  options?: SetupOptions;

  /** A mailbox the archive must be able to read (checks the scoped mail permission). */
  @IsOptional()
  @IsString()
  @MaxLength(320)
  archivedMailbox?: string;

  /** A mailbox the archive must not be able to read (checks that the scope holds). */
  @IsOptional()
  @IsString()
  @MaxLength(320)
  outOfScopeMailbox?: string;
}

export class RenewalBody {
  @IsOptional()
  @IsUUID('all', { message: 'applicationObjectId must be the Object ID (GUID) of the app registration' })
  applicationObjectId?: string;
}
