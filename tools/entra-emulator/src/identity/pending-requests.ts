/**
 * Requests the identity half keeps server-side while a user signs in: validated authorization requests
 * and admin consents. Kept here, beside the stores that hold them, so the stores and the context depend
 * on no flow.
 */

export type ResponseMode = 'query' | 'fragment' | 'form_post';

/** Where an error or a result is sent once the redirect URI is known to be registered. */
export interface RedirectTarget {
  redirectUri: string;
  responseMode: ResponseMode;
  state?: string;
}

/** A validated authorization request, kept server-side while the user signs in. */
export interface AuthorizeRequest extends RedirectTarget {
  tenantSegment: string;
  clientAppId: string;
  applicationName: string;
  wantsCode: boolean;
  wantsIdToken: boolean;
  scopes: string[];
  nonce?: string;
  prompt?: string;
  loginHint?: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
}

/** A validated admin consent request, kept server-side while the administrator signs in and decides. */
export interface AdminConsentRequest extends RedirectTarget {
  /** The tenant id asked for, or `organizations`/`common` (the administrator's own tenant). */
  tenantSegment: string;
  clientAppId: string;
  applicationName: string;
  homeTenantId: string;
  scopes: string[];
  /** Set once the administrator has signed in. */
  tenantId?: string;
  userId?: string;
}
