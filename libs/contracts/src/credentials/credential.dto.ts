import { Type } from 'class-transformer';
import { IsBase64, IsIn, IsObject, IsUUID, IsUrl, Matches, MaxLength, ValidateNested } from 'class-validator';
import { INSTANCE_ALIAS_PATTERN } from '../instances/instance.dto';
import { NoControlCharacters, OptionalField, SafeText, StrictInt } from '../validation/safe-text';

/** A directory (tenant) id: a GUID, or a verified domain such as `contoso.onmicrosoft.com`. */
export const TENANT_ID_PATTERN =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})$/i;
const TENANT_ID_MESSAGE =
  'tenantId must be the directory (tenant) ID, a GUID, or a verified domain such as contoso.onmicrosoft.com';

export const CERTIFICATE_KEY_SIZES = [2048, 3072, 4096] as const;
export type CertificateKeySize = (typeof CERTIFICATE_KEY_SIZES)[number];

export class CertificateOptions {
  @OptionalField()
  @IsIn(CERTIFICATE_KEY_SIZES, { message: 'keySize must be 2048, 3072 or 4096 (RSA bits)' })
  keySize?: CertificateKeySize;

  @OptionalField()
  @StrictInt(1, 36, 'validityMonths must be a whole number of months between 1 and 36')
  validityMonths?: number;
}

export class CredentialIdentity {
  @SafeText({ maxLength: 120, nonEmpty: true })
  name!: string;

  /** Application (client) ID of the app registration. */
  @IsUUID('all', { message: 'clientId must be the application (client) ID, a GUID' })
  clientId!: string;

  @Matches(TENANT_ID_PATTERN, { message: TENANT_ID_MESSAGE })
  tenantId!: string;
}

/** A new credential with a generated certificate (the admin API takes these fields in its body). */
export class NewCredentialFields extends CredentialIdentity {
  @OptionalField()
  @IsObject({ message: 'certificate must be an object such as {"keySize": 2048, "validityMonths": 12}' })
  @ValidateNested()
  @Type(() => CertificateOptions)
  certificate?: CertificateOptions;
}

/**
 * A client-chosen key that makes a create or import safe to retry: the same key in the same instance
 * answers the credential it created the first time (and refuses a different request under it).
 */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{8,100}$/;
export const IDEMPOTENCY_KEY_MESSAGE =
  'idempotencyKey must be 8 to 100 letters, digits, ".", "_", ":" or "-" (a UUID is a good choice)';

export class CreateCredentialRequest extends NewCredentialFields {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'instanceAlias must be a valid instance alias' })
  instanceAlias!: string;

  @OptionalField()
  @Matches(IDEMPOTENCY_KEY_PATTERN, { message: IDEMPOTENCY_KEY_MESSAGE })
  idempotencyKey?: string;
}

/** Import of an existing certificate and key: PEM (key optionally encrypted) or PFX/PKCS#12 with password. */
export class ImportCredentialFields extends CredentialIdentity {
  @OptionalField()
  @SafeText({ maxLength: 100_000, multiline: true })
  certificatePem?: string;

  @OptionalField()
  @SafeText({ maxLength: 100_000, multiline: true })
  privateKeyPem?: string;

  @OptionalField()
  @SafeText({ maxLength: 1000 })
  privateKeyPassphrase?: string;

  @OptionalField()
  @IsBase64(undefined, { message: 'pfxBase64 must be the PFX file in base64' })
  @MaxLength(200_000)
  pfxBase64?: string;

  @OptionalField()
  @SafeText({ maxLength: 1000 })
  pfxPassword?: string;
}

export class ImportCredentialRequest extends ImportCredentialFields {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'instanceAlias must be a valid instance alias' })
  instanceAlias!: string;

  @OptionalField()
  @Matches(IDEMPOTENCY_KEY_PATTERN, { message: IDEMPOTENCY_KEY_MESSAGE })
  idempotencyKey?: string;
}

/**
 * Who a credential belongs to: one archive instance (the customer's own app registration), or the
 * hosting provider (its one multi-tenant app, used for every instance's consent link).
 */
export const CREDENTIAL_OWNERS = ['instance', 'provider'] as const;
export type CredentialOwner = (typeof CREDENTIAL_OWNERS)[number];

/** The provider's multi-tenant app's credential: it belongs to no instance. */
export class CreateProviderCredentialRequest extends NewCredentialFields {
  @OptionalField()
  @Matches(IDEMPOTENCY_KEY_PATTERN, { message: IDEMPOTENCY_KEY_MESSAGE })
  idempotencyKey?: string;
}

/** Provider-level credentials (there is usually one; a second app is registered when one is full). */
export class ListProviderCredentialsRequest {
  /** Only the credentials of this app. */
  @OptionalField()
  @IsUUID('all', { message: 'clientId must be the application (client) ID, a GUID' })
  clientId?: string;
}

export class CredentialRef {
  @IsUUID('all', { message: 'credentialId must be a credential id (GUID)' })
  credentialId!: string;
}

export class ListCredentialsRequest {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'instanceAlias must be a valid instance alias' })
  instanceAlias!: string;
}

/** What an administrator may change on a credential. */
export class UpdateCredentialFields {
  @OptionalField()
  @SafeText({ maxLength: 120, nonEmpty: true })
  name?: string;

  @OptionalField()
  @IsUUID('all', { message: 'clientId must be the application (client) ID, a GUID' })
  clientId?: string;

  @OptionalField()
  @Matches(TENANT_ID_PATTERN, { message: TENANT_ID_MESSAGE })
  tenantId?: string;
}

export class UpdateCredentialRequest extends UpdateCredentialFields {
  @IsUUID('all', { message: 'credentialId must be a credential id (GUID)' })
  credentialId!: string;
}

export const CERTIFICATE_FORMATS = ['pem', 'der'] as const;
export type CertificateFormat = (typeof CERTIFICATE_FORMATS)[number];

export class DownloadCertificateRequest extends CredentialRef {
  @IsIn(CERTIFICATE_FORMATS, { message: 'format must be pem or der (.cer, what the Azure portal uploads)' })
  format!: CertificateFormat;

  /** Which certificate: the one in use (default) or the next one of a rotation under way. */
  @OptionalField()
  @IsIn(['active', 'pending'], { message: 'which must be active or pending' })
  which?: 'active' | 'pending';
}

export class RotationFields {
  @OptionalField()
  @IsObject({ message: 'certificate must be an object such as {"keySize": 2048, "validityMonths": 12}' })
  @ValidateNested()
  @Type(() => CertificateOptions)
  certificate?: CertificateOptions;
}

export class StartRotationRequest extends RotationFields {
  @IsUUID('all', { message: 'credentialId must be a credential id (GUID)' })
  credentialId!: string;
}

/**
 * An app token request. The resource is not a field: it is fixed by the subject the request is sent
 * on (see `TOKEN_RESOURCES`), so a caller allowed one resource's subject cannot ask for another's.
 */
export class AcquireTokenRequest extends CredentialRef {
  /**
   * The tenant the token is for, when it is not the credential's own: a provider-level multi-tenant app
   * asks for tokens in each customer's tenant. A GUID or a verified domain.
   */
  @OptionalField()
  @Matches(TENANT_ID_PATTERN, { message: TENANT_ID_MESSAGE })
  tenantId?: string;
}

export class SignClientAssertionRequest extends CredentialRef {
  /** The exact token endpoint URL the assertion is for (its `aud`). */
  @NoControlCharacters()
  @IsUrl(
    { require_tld: false, protocols: ['https'], require_protocol: true },
    { message: 'audience must be the https token endpoint URL' },
  )
  @MaxLength(500)
  audience!: string;
}

export class SignProofOfPossessionRequest extends CredentialRef {
  /** The application's object id (not its appId): the proof's `iss`. */
  @IsUUID('all', { message: 'applicationObjectId must be the application object id (GUID), not its appId' })
  applicationObjectId!: string;

  /** Sign with this certificate instead of the active one (e.g. the new one, to remove the old key). */
  @OptionalField()
  @IsUUID('all', { message: 'certificateId must be a certificate id (GUID)' })
  certificateId?: string;
}

export interface SignedJwtReply {
  jwt: string;
  /** SHA-256 thumbprint (hex) of the certificate whose key signed it. */
  thumbprintSha256: string;
  /** ISO 8601. */
  expiresAt: string;
}

export type CertificateState = 'pending' | 'active' | 'retiring' | 'retired';

export interface CertificateView {
  id: string;
  state: CertificateState;
  source: 'generated' | 'imported';
  subject: string;
  keySize: number;
  /** Upper-case hex, as the Azure portal shows it. */
  thumbprintSha1: string;
  thumbprintSha256: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  provenAt?: string;
}

export interface CredentialView {
  id: string;
  owner: CredentialOwner;
  /** The instance it belongs to; absent for a provider-level credential. */
  instanceAlias?: string;
  name: string;
  clientId: string;
  tenantId: string;
  createdAt: string;
  updatedAt: string;
  /** The certificate tokens are requested with. */
  activeCertificate: CertificateView;
  /** Every certificate, newest first, retired ones included. */
  certificates: CertificateView[];
}

export interface CertificateFile {
  fileName: string;
  contentType: 'application/x-pem-file' | 'application/pkix-cert';
  /** The file's bytes in base64 (PEM text or DER). */
  contentBase64: string;
  thumbprintSha1: string;
  thumbprintSha256: string;
}

export interface AccessTokenReply {
  /** A secret: callers keep it in memory and never log it. */
  accessToken: string;
  /** ISO 8601. */
  expiresOn: string;
}

/** The result of testing a credential: a fresh token request, and what the token grants. */
export interface CredentialTestReply {
  ok: true;
  /** Application permissions in the token (`roles`); empty when admin consent is missing. */
  roles: string[];
  expiresOn: string;
  /**
   * What the token shows is still missing although it was issued: today, admin consent (no `roles`),
   * with what to do about it.
   */
  warnings?: CredentialTestWarning[];
}

export interface CredentialTestWarning {
  code: 'ADMIN_CONSENT_MISSING';
  message: string;
  hint: string;
}

export interface DeletedReply {
  deleted: true;
}

export class CredentialUsageRequest extends CredentialRef {}

export interface CredentialUsageReply {
  /** Human-readable users of the credential, e.g. `directory sync of instance "contoso"`. */
  usedBy: string[];
}

export class CredentialExpiringEvent {
  @IsUUID()
  credentialId!: string;

  /** Absent for a provider-level credential (it belongs to no instance). */
  @OptionalField()
  @Matches(INSTANCE_ALIAS_PATTERN)
  instanceAlias?: string;

  @IsUUID()
  certificateId!: string;

  @SafeText({ maxLength: 64 })
  thumbprintSha1!: string;

  @SafeText({ maxLength: 64 })
  notAfter!: string;

  @IsIn([60, 30, 7])
  daysLeft!: 60 | 30 | 7;
}
