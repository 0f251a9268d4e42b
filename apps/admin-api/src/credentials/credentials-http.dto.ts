import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { CERTIFICATE_FORMATS, INSTANCE_ALIAS_PATTERN, type CertificateFormat } from '@archive365/contracts';

/** Path and query shapes of the credentials routes; bodies use the contracts' field classes. */
export class InstanceAliasParam {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'alias must be a valid instance alias' })
  alias!: string;
}

export class CredentialIdParam {
  @IsUUID('all', { message: 'id must be a credential id (GUID)' })
  id!: string;
}

export class CertificateDownloadQuery {
  @IsOptional()
  @IsIn(CERTIFICATE_FORMATS, { message: 'format must be pem or der (.cer, what the Azure portal uploads)' })
  format?: CertificateFormat;

  @IsOptional()
  @IsIn(['active', 'pending'], { message: 'which must be active or pending' })
  which?: 'active' | 'pending';
}

export class AssignSyncCredentialBody {
  @IsOptional()
  @IsUUID('all', { message: 'credentialId must be a credential id (GUID)' })
  credentialId?: string;
}
