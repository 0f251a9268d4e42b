import { IsIn, IsUUID, Matches } from 'class-validator';
import { TENANT_ID_PATTERN } from '../credentials/credential.dto';
import { INSTANCE_ALIAS_PATTERN } from '../instances/instance.dto';
import { OptionalField } from '../validation/safe-text';

/**
 * How archive users of an instance sign in. `code` is the authorization code flow with PKCE (Microsoft's
 * and RFC 9700's recommendation); `id_token` is the app registration's "ID tokens" switch (implicit flow,
 * `form_post`), kept for registrations set up that way.
 */
export const SIGN_IN_RESPONSE_TYPES = ['code', 'id_token'] as const;
export type SignInResponseType = (typeof SIGN_IN_RESPONSE_TYPES)[number];

export class ConfigureSignInRequest {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'instanceAlias must be a valid instance alias' })
  instanceAlias!: string;

  /**
   * The credential whose app registration users sign in to: the instance's own, or the provider's
   * multi-tenant app (then set `tenantId` to the customer's tenant).
   */
  @IsUUID('all', { message: 'credentialId must be a credential id (GUID)' })
  credentialId!: string;

  /** The tenant users come from; defaults to the credential's tenant. A GUID or a verified domain. */
  @OptionalField()
  @Matches(TENANT_ID_PATTERN, {
    message: 'tenantId must be the directory (tenant) ID, a GUID, or a verified domain',
  })
  tenantId?: string;

  @OptionalField()
  @IsIn(SIGN_IN_RESPONSE_TYPES, { message: 'responseType must be code (recommended) or id_token' })
  responseType?: SignInResponseType;
}

export class GetSignInRequest {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'instanceAlias must be a valid instance alias' })
  instanceAlias!: string;
}

export interface SignInSettingsView {
  instanceAlias: string;
  credentialId: string;
  /** Set when users come from another tenant than the credential's (provider's multi-tenant app). */
  tenantId?: string;
  responseType: SignInResponseType;
  /** What to register as the Web redirect URI of the app registration. */
  redirectUri: string;
  /** The Outlook add-in manifest for this instance. */
  addinManifestUrl: string;
  updatedAt: string;
}
