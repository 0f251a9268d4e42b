/** Why an app token could not be obtained, in terms an administrator can act on. */
export enum TokenFailureCode {
  TENANT_NOT_FOUND = 'TENANT_NOT_FOUND',
  APP_NOT_FOUND = 'APP_NOT_FOUND',
  CERTIFICATE_NOT_REGISTERED = 'CERTIFICATE_NOT_REGISTERED',
  CERTIFICATE_EXPIRED = 'CERTIFICATE_EXPIRED',
  INVALID_ASSERTION = 'INVALID_ASSERTION',
  CONSENT_MISSING = 'CONSENT_MISSING',
  INVALID_SCOPE = 'INVALID_SCOPE',
  AUTHORITY_UNREACHABLE = 'AUTHORITY_UNREACHABLE',
  TLS_UNTRUSTED = 'TLS_UNTRUSTED',
  THROTTLED = 'THROTTLED',
  UNKNOWN = 'UNKNOWN',
}

export interface TokenFailure {
  readonly code: TokenFailureCode;
  /** The AADSTS number Entra ID reported, when it reported one (e.g. 700027). */
  readonly aadsts?: number;
  /** What went wrong; includes Entra's own description with anything token-like removed. */
  readonly message: string;
  /** What the administrator should do about it. */
  readonly hint: string;
}

/** What the caller knows about the credential, used to make the hint concrete. */
export interface TokenFailureContext {
  readonly tenantId: string;
  readonly clientId: string;
  /** SHA-1 thumbprint (hex) of the certificate the request was signed with. */
  readonly certificateThumbprint?: string;
  readonly scope?: string;
  readonly authorityHost?: string;
}

/** Thrown by the token service; carries the typed failure and nothing of the original error. */
export class TokenRequestError extends Error {
  constructor(readonly failure: TokenFailure) {
    super(failure.message);
    this.name = 'TokenRequestError';
  }
}
