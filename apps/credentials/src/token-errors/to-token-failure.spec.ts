import { AuthenticationError, CredentialUnavailableError } from '@azure/identity';
import { TokenFailureCode, type TokenFailureContext } from './token-failure';
import { toTokenFailure } from './to-token-failure';

const context: TokenFailureContext = {
  tenantId: '11111111-2222-3333-4444-555555555555',
  clientId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  certificateThumbprint: 'C144253C82BE33B87EFCB7D75D539FBFF6ADB29E',
  scope: 'https://graph.microsoft.com/.default',
  authorityHost: 'https://login.microsoftonline.com',
};

function entraError(code: number, error: string, sentence: string, status = 400): AuthenticationError {
  return new AuthenticationError(status, {
    error,
    error_description: `AADSTS${code}: ${sentence}\r\nTrace ID: 0000aaaa-11bb\r\nCorrelation ID: aaaa0000-bb11\r\nTimestamp: 2026-11-28 10:00:00Z`,
    error_codes: [code],
    timestamp: '2026-11-28 10:00:00Z',
    trace_id: '0000aaaa-11bb',
    correlation_id: 'aaaa0000-bb11',
  });
}

describe('toTokenFailure', () => {
  it.each<[number, string, string, TokenFailureCode, RegExp]>([
    [
      90002,
      'invalid_request',
      "Tenant 'contoso.example' not found.",
      TokenFailureCode.TenantNotFound,
      /directory \(tenant\) ID/,
    ],
    [
      900023,
      'invalid_request',
      'Specified tenant identifier is neither a valid DirectoryName nor a valid external domain.',
      TokenFailureCode.TenantNotFound,
      /verified domains/,
    ],
    [
      700016,
      'unauthorized_client',
      'Application not found in the directory.',
      TokenFailureCode.AppNotFound,
      /registered in tenant 11111111-2222-3333-4444-555555555555/,
    ],
    [
      7000112,
      'unauthorized_client',
      'Application is disabled.',
      TokenFailureCode.AppNotFound,
      /application \(client\) ID/,
    ],
    [
      700027,
      'invalid_client',
      'The certificate with identifier used to sign the client assertion is not registered on application.',
      TokenFailureCode.CertificateNotRegistered,
      /Upload the certificate with thumbprint C144253C82BE33B87EFCB7D75D539FBFF6ADB29E .* to the app registration's Certificates & secrets/,
    ],
    [
      700027,
      'invalid_client',
      'Client assertion contains an invalid signature. [Reason - The key used is expired.]',
      TokenFailureCode.CertificateExpired,
      /Rotate this credential's certificate/,
    ],
    [
      7000222,
      'invalid_client',
      'The provided client secret keys are expired.',
      TokenFailureCode.CertificateExpired,
      /upload the new one/,
    ],
    [
      700024,
      'invalid_client',
      'Client assertion is not within its valid time range.',
      TokenFailureCode.InvalidAssertion,
      /clock/,
    ],
    [
      50012,
      'invalid_client',
      'Client assertion failed signature validation.',
      TokenFailureCode.InvalidAssertion,
      /belong together/,
    ],
    [
      65001,
      'invalid_grant',
      'The user or administrator has not consented to use the application.',
      TokenFailureCode.ConsentMissing,
      /Grant admin consent/,
    ],
    [
      70011,
      'invalid_scope',
      "The provided value for the input parameter 'scope' isn't valid.",
      TokenFailureCode.InvalidScope,
      /\/\.default/,
    ],
    [
      500011,
      'invalid_resource',
      'The resource principal named https://x.example was not found in the tenant.',
      TokenFailureCode.InvalidScope,
      /resource exists/,
    ],
    [
      50196,
      'invalid_request',
      'The server terminated an operation because it encountered a client request loop.',
      TokenFailureCode.Throttled,
      /retry/,
    ],
  ])('maps AADSTS%d to its typed failure and a hint', (code, error, sentence, expected, hint) => {
    const failure = toTokenFailure(entraError(code, error, sentence), context);
    expect(failure.code).toBe(expected);
    expect(failure.aadsts).toBe(code);
    expect(failure.hint).toMatch(hint);
    expect(failure.message).toContain(`Entra ID said: AADSTS${code}: ${sentence}`);
    expect(failure.message).not.toMatch(/Trace ID|Correlation ID|Timestamp/);
  });

  it('keeps an unknown AADSTS code and points at its description page', () => {
    const failure = toTokenFailure(
      entraError(53003, 'invalid_grant', 'Access has been blocked by Conditional Access policies.'),
      context,
    );
    expect(failure).toMatchObject({ code: TokenFailureCode.Unknown, aadsts: 53003 });
    expect(failure.hint).toBe('Look up AADSTS53003 at https://login.microsoftonline.com/error?code=53003.');
  });

  it('reads the AADSTS number from MSAL ServerError wrapped in a cause', () => {
    const serverError = Object.assign(
      new Error(
        'invalid_client: Error(s): 700016 - Timestamp: x - Description: AADSTS700016: Application with identifier was not found in the directory. - Correlation ID: co - Trace ID: tr',
      ),
      { name: 'ServerError', errorCode: 'invalid_client', errorNo: '700016', status: 400 },
    );
    const wrapped = new Error(serverError.message, { cause: serverError });
    const failure = toTokenFailure(wrapped, context);
    expect(failure).toMatchObject({ code: TokenFailureCode.AppNotFound, aadsts: 700016 });
    expect(failure.message).toContain(
      'Entra ID said: AADSTS700016: Application with identifier was not found in the directory.',
    );
    expect(failure.message).not.toContain('Correlation ID');
  });

  it('maps an unresolvable authority (CredentialUnavailableError) to AUTHORITY_UNREACHABLE', () => {
    const failure = toTokenFailure(
      new CredentialUnavailableError(
        'endpoints_resolution_error: See https://aka.ms/msal.js.errors#endpoints_resolution_error for details',
      ),
      context,
    );
    expect(failure.code).toBe(TokenFailureCode.AuthorityUnreachable);
    expect(failure.aadsts).toBeUndefined();
    expect(failure.hint).toContain('https://login.microsoftonline.com');
    expect(failure.hint).toContain('ENTRA_CA_FILE');
  });

  it.each([
    ['ECONNREFUSED', TokenFailureCode.AuthorityUnreachable],
    ['ENOTFOUND', TokenFailureCode.AuthorityUnreachable],
    ['SELF_SIGNED_CERT_IN_CHAIN', TokenFailureCode.TlsUntrusted],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', TokenFailureCode.TlsUntrusted],
    ['ERR_TLS_CERT_ALTNAME_INVALID', TokenFailureCode.TlsUntrusted],
  ])('maps a network error %s found in the cause chain', (systemCode, expected) => {
    const socketError = Object.assign(new Error(`connect failed`), { code: systemCode });
    const failure = toTokenFailure(new Error('fetch failed', { cause: socketError }), context);
    expect(failure.code).toBe(expected);
    expect(failure.message).toContain(`(${systemCode})`);
  });

  it('maps HTTP 429 to THROTTLED', () => {
    const failure = toTokenFailure(
      new AuthenticationError(429, { error: 'too_many_requests', error_description: 'slow down' }),
      context,
    );
    expect(failure.code).toBe(TokenFailureCode.Throttled);
  });

  it('falls back to UNKNOWN for anything else, including non-errors', () => {
    expect(toTokenFailure(new Error('boom'), context).code).toBe(TokenFailureCode.Unknown);
    expect(toTokenFailure('a string', context).code).toBe(TokenFailureCode.Unknown);
    expect(toTokenFailure(undefined, context).hint).toContain('Check the service logs');
  });

  it('never copies a token, assertion or key from the error into the failure', () => {
    const assertion = `eyJhbGciOiJQUzI1NiIsIng1dCNTMjU2IjoiYWJjIn0.${'e'.repeat(120)}.${'s'.repeat(342)}`;
    const key = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----';
    const error = entraError(
      50012,
      'invalid_client',
      `Invalid client assertion ${assertion} for key ${key} blob ${'A'.repeat(100)}.`,
    );
    const failure = toTokenFailure(error, context);
    const everything = JSON.stringify(failure);
    expect(everything).not.toContain('eyJhbGci');
    expect(everything).not.toContain('PRIVATE KEY');
    expect(everything).not.toContain('A'.repeat(80));
    expect(failure.message).toContain('[redacted]');
    expect(failure.message).toContain('AADSTS50012');
  });

  it('caps the carried description', () => {
    const failure = toTokenFailure(entraError(700016, 'unauthorized_client', 'word '.repeat(200)), context);
    expect(failure.message.length).toBeLessThan(600);
  });
});
