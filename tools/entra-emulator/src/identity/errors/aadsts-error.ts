/** OAuth 2.0 `error` values Microsoft's token and authorize endpoints answer (RFC 6749 5.2, RFC 8628 3.5). */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'invalid_resource'
  | 'unsupported_response_type'
  | 'access_denied'
  | 'login_required'
  | 'interaction_required'
  | 'consent_required'
  | 'temporarily_unavailable'
  | 'authorization_pending'
  | 'authorization_declined'
  | 'slow_down'
  | 'expired_token'
  | 'bad_verification_code'
  | 'invalid_tenant';

export interface AadstsErrorOptions {
  status?: 400 | 401;
  suberror?: string;
  /** `error_subcode` of an authorization response, e.g. `cancel` when the user declined. */
  errorSubcode?: string;
}

/**
 * An error as Microsoft Entra ID reports it: an OAuth `error`, an AADSTS code and a public message.
 * The message is written for the caller and never holds a secret (no password, key or token value).
 */
export class AadstsError extends Error {
  readonly status: 400 | 401;
  readonly suberror?: string;
  readonly errorSubcode?: string;

  constructor(
    readonly code: number,
    readonly oauthError: OAuthErrorCode,
    readonly publicMessage: string,
    options: AadstsErrorOptions = {},
  ) {
    super(`AADSTS${code}: ${publicMessage}`);
    this.name = 'AadstsError';
    // RFC 6749 section 5.2: a failed client authentication is 401, everything else 400.
    this.status = options.status ?? (oauthError === 'invalid_client' ? 401 : 400);
    this.suberror = options.suberror;
    this.errorSubcode = options.errorSubcode;
  }
}
