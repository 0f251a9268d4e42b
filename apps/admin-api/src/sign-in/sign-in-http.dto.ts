import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { SIGN_IN_RESPONSE_TYPES, TENANT_ID_PATTERN, type SignInResponseType } from '@archive365/contracts';

export class SignInSettingsBody {
  /** The credential whose app registration archive users sign in with. */
  @IsUUID('all', { message: 'credentialId must be a credential id (GUID)' })
  credentialId!: string;

  @IsOptional()
  @Matches(TENANT_ID_PATTERN, {
    message: 'tenantId must be the directory (tenant) ID, a GUID, or a verified domain',
  })
  tenantId?: string;

  @IsOptional()
  @IsIn(SIGN_IN_RESPONSE_TYPES, { message: 'responseType must be code (recommended) or id_token' })
  responseType?: SignInResponseType;
}
