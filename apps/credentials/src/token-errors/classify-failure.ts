import type { FailureEvidence } from './failure-evidence';
import { TokenFailureCode } from './token-failure';

/**
 * AADSTS numbers from https://learn.microsoft.com/entra/identity-platform/reference-error-codes that a
 * client-credentials request with a certificate can meet.
 */
const AADSTS_CODES: ReadonlyMap<number, TokenFailureCode> = new Map([
  [90002, TokenFailureCode.TenantNotFound], // InvalidTenantName: tenant not found
  [900023, TokenFailureCode.TenantNotFound], // tenant identifier is neither a GUID nor a valid domain
  [700016, TokenFailureCode.AppNotFound], // UnauthorizedClient_DoesNotMatchRequest: app not found in directory
  [7000112, TokenFailureCode.AppNotFound], // UnauthorizedClientApplicationDisabled
  [700027, TokenFailureCode.CertificateNotRegistered], // certificate used to sign the assertion is not registered
  [7000222, TokenFailureCode.CertificateExpired], // InvalidClientSecretExpiredKeysProvided: the keys are expired
  [700024, TokenFailureCode.InvalidAssertion], // client assertion is not within its valid time range
  [700021, TokenFailureCode.InvalidAssertion], // assertion's issuer does not match client_id
  [50012, TokenFailureCode.InvalidAssertion], // AuthenticationFailed: invalid client assertion
  [50027, TokenFailureCode.InvalidAssertion], // InvalidJwtToken
  [65001, TokenFailureCode.ConsentMissing], // DelegationDoesNotExist: consent not granted
  [70011, TokenFailureCode.InvalidScope], // InvalidScope
  [500011, TokenFailureCode.InvalidScope], // resource principal not found in the tenant
  [50196, TokenFailureCode.Throttled], // LoopDetected: too many identical requests
]);

// Node's and OpenSSL's names for a certificate the client does not trust.
const TLS_TRUST_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'REQUEST_SEND_ERROR',
]);

export function classifyFailure(evidence: FailureEvidence): TokenFailureCode {
  if (evidence.aadsts !== undefined) {
    const code = AADSTS_CODES.get(evidence.aadsts);
    // 700027 also comes back when the registered key exists but has expired ("[Reason - The key used is expired.]").
    if (code === TokenFailureCode.CertificateNotRegistered && /expired/i.test(evidence.description ?? '')) {
      return TokenFailureCode.CertificateExpired;
    }
    if (code) return code;
  }
  if (evidence.httpStatus === 429 || evidence.oauthError === 'temporarily_unavailable') {
    return TokenFailureCode.Throttled;
  }
  if (evidence.systemCode && TLS_TRUST_CODES.has(evidence.systemCode)) {
    return TokenFailureCode.TlsUntrusted;
  }
  if ((evidence.systemCode && NETWORK_CODES.has(evidence.systemCode)) || evidence.endpointsUnresolved) {
    return TokenFailureCode.AuthorityUnreachable;
  }
  if (evidence.oauthError === 'invalid_scope') return TokenFailureCode.InvalidScope;
  if (evidence.oauthError === 'unauthorized_client') return TokenFailureCode.AppNotFound;
  return TokenFailureCode.Unknown;
}
