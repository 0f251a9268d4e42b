import type { SignInResponseType } from '@archive365/contracts';
import type * as oidc from 'openid-client';
import type { JwksCache } from '../validation/jwks-cache';

/** Everything a sign-in for one instance needs, resolved once and cached. */
export interface ResolvedInstance {
  alias: string;
  /** `https://host[:port]`: the origin archive pages and return URLs must be on. */
  origin: string;
  /** `<publicBaseUrl>/<alias>`: where this instance's gateway routes are reached from browsers. */
  baseUrl: string;
  /** Exactly the URI registered on the app registration (the token request must repeat it). */
  redirectUri: string;
  responseType: SignInResponseType;
  credentialId: string;
  clientId: string;
  /** The tenant's GUID, as in its issuer and in `tid`. */
  tenantId: string;
  /** The tenants whose users may sign in here: the instance's own, nothing else. */
  allowedTenantIds: readonly string[];
  issuer: string;
  oidc: oidc.Configuration;
  jwks: JwksCache;
}
