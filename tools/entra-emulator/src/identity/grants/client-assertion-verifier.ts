import { X509Certificate, createHash } from 'node:crypto';
import type * as Graph from '@microsoft/microsoft-graph-types';
import {
  compactVerify,
  decodeJwt,
  decodeProtectedHeader,
  type JWTPayload,
  type ProtectedHeaderParameters,
} from 'jose';
import { epochSeconds, systemClock, type Clock } from '../../shared/clock';
import { ASSERTION_CLOCK_SKEW_SECONDS } from '../../issued-tokens/token-lifetimes';
import { aadsts } from '../errors/aadsts-catalog';
import type { RegisteredClient } from '../clients/registered-client';

/** RFC 7523 section 2.2: the only client assertion type Microsoft accepts. */
export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface AssertionContext {
  /** Token endpoint URLs the assertion may be addressed to (as requested, and with the tenant id). */
  acceptedAudiences: string[];
  clock: Clock;
}

interface RegisteredCertificate {
  credential: Graph.KeyCredential;
  certificate: X509Certificate;
  der: Buffer;
}

/**
 * Verifies a certificate client assertion as Microsoft does
 * (https://learn.microsoft.com/entra/identity-platform/certificate-credentials): the key named by
 * `x5t#S256` (PS256, MSAL's default) or `x5t` (RS256) must be a registered, currently valid
 * certificate of the app; `iss` = `sub` = client id; `aud` = the token endpoint; within `nbf`..`exp`.
 * A repeated `jti` is accepted, because MSAL reuses one assertion for about ten minutes.
 */
export async function verifyClientAssertion(
  assertion: string,
  client: RegisteredClient,
  context: AssertionContext,
): Promise<void> {
  const { header, claims } = decodeAssertion(assertion);
  checkIssuerAndSubject(claims, client.appId);
  checkAudience(claims, context.acceptedAudiences);
  const { thumbprint, registered } = findSigningCertificate(header, client);
  checkCertificateValidity(registered, thumbprint, client.appId, context.clock);
  await checkSignature(assertion, registered, thumbprint, client.appId);
  // The client dates its assertion with its own clock, which moving the emulator's clock does not move:
  // checked against the machine's time, so tests that age the directory keep getting tokens.
  checkAssertionLifetime(claims, systemClock);
}

function decodeAssertion(assertion: string): { header: ProtectedHeaderParameters; claims: JWTPayload } {
  let decoded: { header: ProtectedHeaderParameters; claims: JWTPayload };
  try {
    decoded = { header: decodeProtectedHeader(assertion), claims: decodeJwt(assertion) };
  } catch {
    throw aadsts.malformedAssertion();
  }
  checkClaimTypes(decoded.claims);
  return decoded;
}

// RFC 7519 section 4.1: `iss` and `sub` are strings, `exp`, `nbf` and `iat` NumericDates. A claim of
// another type makes the assertion malformed (AADSTS50027), never a failure of the emulator.
function checkClaimTypes(claims: JWTPayload): void {
  const wrongType = (name: string, type: 'string' | 'number') =>
    claims[name] !== undefined &&
    (typeof claims[name] !== type || (type === 'number' && !Number.isFinite(claims[name])));
  if (wrongType('iss', 'string') || wrongType('sub', 'string')) throw aadsts.malformedAssertion();
  if (wrongType('exp', 'number') || wrongType('nbf', 'number') || wrongType('iat', 'number'))
    throw aadsts.malformedAssertion();
}

// RFC 7523 section 3, items 1-2: the client is both issuer and subject of its own assertion.
function checkIssuerAndSubject(claims: JWTPayload, appId: string): void {
  const expected = appId.toLowerCase();
  if (claims.iss?.toLowerCase() !== expected || claims.sub?.toLowerCase() !== expected)
    throw aadsts.assertionIssuerMismatch();
}

// RFC 7523 section 3, item 3: the token endpoint is the audience.
// Entra ID takes a single string, not an array (an array is "invalid or malformed", as
// panva/openid-client#348 observed), and only the token endpoint, not the issuer (openid-client#667).
function checkAudience(claims: JWTPayload, acceptedAudiences: string[]): void {
  if (typeof claims.aud !== 'string') throw aadsts.malformedAssertion();
  const accepted = new Set(acceptedAudiences.map((audience) => audience.toLowerCase()));
  if (!accepted.has(claims.aud.toLowerCase())) throw aadsts.assertionAudienceMismatch();
}

function findSigningCertificate(
  header: ProtectedHeaderParameters,
  client: RegisteredClient,
): { thumbprint: string; registered: RegisteredCertificate } {
  const sha256 = typeof header['x5t#S256'] === 'string' ? header['x5t#S256'] : undefined;
  const sha1 = typeof header.x5t === 'string' ? header.x5t : undefined;
  // Entra ID finds the key by thumbprint only; a `kid` alone names no registered key.
  if (!sha256 && !sha1) throw aadsts.assertionKeyNotRegistered(undefined, client.appId);
  const thumbprint = Buffer.from((sha256 ?? sha1) as string, 'base64url')
    .toString('hex')
    .toUpperCase();
  const registered = registeredCertificates(client).find(({ der }) =>
    sha256
      ? createHash('sha256').update(der).digest('base64url') === sha256
      : createHash('sha1').update(der).digest('base64url') === sha1,
  );
  if (!registered) throw aadsts.assertionKeyNotRegistered(thumbprint, client.appId);
  return { thumbprint, registered };
}

function registeredCertificates(client: RegisteredClient): RegisteredCertificate[] {
  return client.keyCredentials.flatMap((credential) => {
    if (credential.type !== 'AsymmetricX509Cert' || credential.usage === 'Sign' || !credential.key) return [];
    try {
      const der = Buffer.from(credential.key, 'base64');
      return [{ credential, der, certificate: new X509Certificate(der) }];
    } catch {
      return [];
    }
  });
}

function checkCertificateValidity(
  registered: RegisteredCertificate,
  thumbprint: string,
  appId: string,
  clock: Clock,
): void {
  const start = new Date(registered.credential.startDateTime ?? registered.certificate.validFrom).getTime();
  const end = new Date(registered.credential.endDateTime ?? registered.certificate.validTo).getTime();
  const now = clock.now();
  // Microsoft prints key validity as `MM/dd/yyyy HH:mm:ss` (UTC) in AADSTS700027.
  const shown = (ms: number) => {
    const iso = new Date(ms).toISOString();
    return `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)} ${iso.slice(11, 19)}`;
  };
  if (now >= end)
    throw aadsts.assertionKeyOutsideValidity('expired', thumbprint, shown(start), shown(end), appId);
  if (now < start)
    throw aadsts.assertionKeyOutsideValidity('not yet valid', thumbprint, shown(start), shown(end), appId);
}

async function checkSignature(
  assertion: string,
  registered: RegisteredCertificate,
  thumbprint: string,
  appId: string,
): Promise<void> {
  try {
    await compactVerify(assertion, registered.certificate.publicKey, { algorithms: ['PS256', 'RS256'] });
  } catch {
    throw aadsts.assertionBadSignature(thumbprint, appId);
  }
}

// RFC 7523 section 3, items 4-5: the assertion must be within its lifetime, allowing for clock skew.
function checkAssertionLifetime(claims: JWTPayload, clock: Clock): void {
  if (typeof claims.exp !== 'number') throw aadsts.malformedAssertion();
  const now = epochSeconds(clock);
  const nbf = typeof claims.nbf === 'number' ? claims.nbf : (claims.iat ?? now);
  if (claims.exp + ASSERTION_CLOCK_SKEW_SECONDS <= now || nbf - ASSERTION_CLOCK_SKEW_SECONDS > now) {
    const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
    throw aadsts.assertionOutsideValidity(iso(now), iso(nbf), iso(claims.exp));
  }
}
