import { CredentialsError, CredentialsErrorCode } from '../errors';

/** Why an app token could not be obtained, in terms an administrator can act on. */
export enum TokenFailureCode {
  TenantNotFound = 'TENANT_NOT_FOUND',
  AppNotFound = 'APP_NOT_FOUND',
  CertificateNotRegistered = 'CERTIFICATE_NOT_REGISTERED',
  CertificateExpired = 'CERTIFICATE_EXPIRED',
  InvalidAssertion = 'INVALID_ASSERTION',
  ConsentMissing = 'CONSENT_MISSING',
  InvalidScope = 'INVALID_SCOPE',
  AuthorityUnreachable = 'AUTHORITY_UNREACHABLE',
  TlsUntrusted = 'TLS_UNTRUSTED',
  Throttled = 'THROTTLED',
  Unknown = 'UNKNOWN',
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

/**
 * The service's error for a refused or failed token request: what went wrong and what to do, and
 * nothing of the original error (its request can hold the client assertion). `reason` is the AADSTS
 * code when Entra ID gave one.
 */
export function tokenRequestFailed(failure: TokenFailure): CredentialsError {
  return new CredentialsError(CredentialsErrorCode.TokenRequestFailed, failure.message, {
    reason: failure.aadsts ? `AADSTS${failure.aadsts}` : failure.code,
    hint: failure.hint,
  });
}
