import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  USER_FILTERS,
  LEAVER_ACTIONS,
  type CertificateState,
  type CertificateView,
  type CredentialOwner,
  type CredentialTestReply,
  type CredentialTestWarning,
  type CredentialView,
  type DeletedReply,
  type SyncProfileView,
} from '@archive365/contracts';
import { everyValueOf, ReplySchema } from '../openapi/reply-schema';
import { PageSchema } from '../pagination/page.schema';

@ReplySchema<CertificateView>('CertificateView')
export class CertificateViewSchema implements CertificateView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: everyValueOf<CertificateState>()('pending', 'active', 'retiring', 'retired') })
  state!: CertificateState;

  @ApiProperty({ enum: everyValueOf<CertificateView['source']>()('generated', 'imported') })
  source!: CertificateView['source'];

  @ApiProperty()
  subject!: string;

  @ApiProperty({ type: 'integer' })
  keySize!: number;

  @ApiProperty({ description: 'Upper-case hex, as the Azure portal shows it' })
  thumbprintSha1!: string;

  @ApiProperty()
  thumbprintSha256!: string;

  @ApiProperty()
  serialNumber!: string;

  @ApiProperty({ format: 'date-time' })
  notBefore!: string;

  @ApiProperty({ format: 'date-time' })
  notAfter!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When a real token request proved it' })
  provenAt?: string;
}

@ReplySchema<CredentialView>('CredentialView', 'App credentials: an app registration and its certificates')
export class CredentialViewSchema implements CredentialView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    enum: everyValueOf<CredentialOwner>()('instance', 'provider'),
    description: "An instance's own app, or the hosting provider's multi-tenant app of consent links",
  })
  owner!: CredentialOwner;

  @ApiPropertyOptional({ description: 'The instance it belongs to; absent for the provider credential' })
  instanceAlias?: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ format: 'uuid' })
  clientId!: string;

  @ApiProperty()
  tenantId!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({
    type: () => CertificateViewSchema,
    description: 'The certificate tokens are requested with',
  })
  activeCertificate!: CertificateViewSchema;

  @ApiProperty({
    type: () => [CertificateViewSchema],
    description: 'Every certificate, newest first, retired ones included',
  })
  certificates!: CertificateViewSchema[];
}

export const CredentialsPage = PageSchema(CredentialViewSchema, 'CredentialsPage');

@ReplySchema<CredentialTestWarning>('CredentialTestWarning')
export class CredentialTestWarningSchema implements CredentialTestWarning {
  @ApiProperty({ enum: everyValueOf<CredentialTestWarning['code']>()('ADMIN_CONSENT_MISSING') })
  code!: CredentialTestWarning['code'];

  @ApiProperty()
  message!: string;

  @ApiProperty()
  hint!: string;
}

@ReplySchema<CredentialTestReply>('CredentialTestReply', 'A fresh token request, and what the token grants')
export class CredentialTestReplySchema implements CredentialTestReply {
  @ApiProperty({ type: Boolean, description: 'Always true: a failed test answers a problem' })
  ok!: true;

  @ApiProperty({ type: [String], description: 'Application permissions in the token (`roles`)' })
  roles!: string[];

  @ApiProperty({ format: 'date-time' })
  expiresOn!: string;

  @ApiPropertyOptional({ type: () => [CredentialTestWarningSchema] })
  warnings?: CredentialTestWarningSchema[];
}

@ReplySchema<DeletedReply>('DeletedReply')
export class DeletedReplySchema implements DeletedReply {
  @ApiProperty({ type: Boolean, description: 'Always true' })
  deleted!: true;
}

@ReplySchema<SyncProfileView>('SyncProfileView', 'Which credential directory sync reads the directory with')
export class SyncProfileViewSchema implements SyncProfileView {
  @ApiProperty()
  instanceAlias!: string;

  @ApiProperty({ enum: [...USER_FILTERS] })
  userFilter!: SyncProfileView['userFilter'];

  @ApiProperty({ enum: [...LEAVER_ACTIONS] })
  leaverAction!: SyncProfileView['leaverAction'];

  @ApiPropertyOptional({ format: 'uuid' })
  credentialId?: string;
}
