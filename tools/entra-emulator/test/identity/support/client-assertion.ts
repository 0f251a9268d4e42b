import { createHash, createPrivateKey, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { certificateDer } from '../../../src/tls/pem';
import type { IssuedCertificate } from '../../../src/tls/x509-builder';

export interface AssertionOptions {
  /** Whose certificate is named in the header. */
  certificate: IssuedCertificate;
  /** Whose key signs (defaults to the certificate's own). */
  signingKeyPem?: string;
  alg: 'PS256' | 'RS256';
  clientId: string;
  audience: string;
  /** Seconds from now. */
  notBeforeOffset?: number;
  expiresInSeconds?: number;
  issuer?: string;
}

/** A client assertion made by hand, as an app not using MSAL (or an older MSAL) would send it. */
export async function makeClientAssertion(options: AssertionOptions): Promise<string> {
  const der = certificateDer(options.certificate.certPem);
  const thumbprintHeader =
    options.alg === 'PS256'
      ? { 'x5t#S256': createHash('sha256').update(der).digest('base64url') }
      : { x5t: createHash('sha1').update(der).digest('base64url') };
  const now = Math.floor(Date.now() / 1000);
  const nbf = now + (options.notBeforeOffset ?? 0);
  return new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg: options.alg, typ: 'JWT', ...thumbprintHeader })
    .setIssuer(options.issuer ?? options.clientId)
    .setSubject(options.clientId)
    .setAudience(options.audience)
    .setNotBefore(nbf)
    .setIssuedAt(nbf)
    .setExpirationTime(nbf + (options.expiresInSeconds ?? 600))
    .sign(createPrivateKey(options.signingKeyPem ?? options.certificate.keyPem));
}
