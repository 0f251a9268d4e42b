import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { buildCertificate, type IssuedCertificate } from '../tls/x509-builder';
import { certificateDer } from '../tls/pem';

/** One token-signing key with the self-signed certificate Microsoft publishes beside it (`x5c`). */
export interface SigningKey {
  /** Microsoft uses the certificate's SHA-1 thumbprint (base64url) both as `kid` and as `x5t`. */
  kid: string;
  x5t: string;
  /** Base64 (not base64url) DER certificate, as in the JWKS `x5c` array. */
  x5c: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  createdAt: number;
  /** PEM forms, for keeping the key across restarts. */
  pem: IssuedCertificate;
}

export function createSigningKey(createdAt: number): SigningKey {
  return signingKeyFrom(
    buildCertificate({ commonName: 'accounts.accesscontrol.windows.net', validDays: 365 * 2 }),
    createdAt,
  );
}

export function signingKeyFrom(pem: IssuedCertificate, createdAt: number): SigningKey {
  const der = certificateDer(pem.certPem);
  const thumbprint = createHash('sha1').update(der).digest('base64url');
  return {
    kid: thumbprint,
    x5t: thumbprint,
    x5c: der.toString('base64'),
    privateKey: createPrivateKey(pem.keyPem),
    publicKey: createPublicKey(pem.keyPem),
    createdAt,
    pem,
  };
}
