import { createHash, createPrivateKey, constants, randomUUID, sign } from 'node:crypto';

/** Microsoft Graph's application id: the `aud` of a proof of possession (Microsoft Learn). */
export const GRAPH_RESOURCE_APP_ID = '00000003-0000-0000-c000-000000000000';
/** MSAL's client assertions, and Graph's proofs, live at most ten minutes. */
export const JWT_LIFETIME_SECONDS = 600;

export interface SigningKey {
  privateKeyPem: string;
  certificatePem: string;
}

export interface SignedJwt {
  jwt: string;
  jti?: string;
  notBefore: number;
  expiresAt: number;
}

/**
 * A client assertion as MSAL builds it (RFC 7523): PS256 with `x5t#S256` (the SHA-256 of the
 * certificate's DER), `aud` the exact token endpoint, `iss` = `sub` = the client id, a fresh `jti`,
 * `nbf` = `iat` = now, `exp` = nbf + 600.
 */
export function clientAssertion(key: SigningKey, clientId: string, audience: string, now: Date): SignedJwt {
  const nbf = Math.floor(now.getTime() / 1000);
  const jti = randomUUID();
  const exp = nbf + JWT_LIFETIME_SECONDS;
  const header = { alg: 'PS256', typ: 'JWT', 'x5t#S256': thumbprint(key.certificatePem, 'sha256') };
  const claims = { aud: audience, iss: clientId, sub: clientId, jti, nbf, iat: nbf, exp };
  return { jwt: signed(header, claims, key.privateKeyPem, 'PS256'), jti, notBefore: nbf, expiresAt: exp };
}

/**
 * A proof of possession for Graph `application: addKey` / `removeKey` (Microsoft Learn, "Generate
 * proof of possession tokens for rolling keys"): signed (RS256, with `x5t` and `kid` naming the
 * certificate, as the .NET sample's X509SigningCredentials does) by a key the application already
 * has; `aud` Graph's app id, `iss` the application's object id, `exp` = nbf + 10 minutes.
 */
export function proofOfPossession(key: SigningKey, applicationObjectId: string, now: Date): SignedJwt {
  const nbf = Math.floor(now.getTime() / 1000);
  const exp = nbf + JWT_LIFETIME_SECONDS;
  const header = {
    alg: 'RS256',
    typ: 'JWT',
    x5t: thumbprint(key.certificatePem, 'sha1'),
    kid: createHash('sha1').update(der(key.certificatePem)).digest('hex').toUpperCase(),
  };
  const claims = { aud: GRAPH_RESOURCE_APP_ID, iss: applicationObjectId, nbf, exp };
  return { jwt: signed(header, claims, key.privateKeyPem, 'RS256'), notBefore: nbf, expiresAt: exp };
}

function signed(header: object, claims: object, privateKeyPem: string, alg: 'PS256' | 'RS256'): string {
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const key = createPrivateKey(privateKeyPem);
  const signature =
    alg === 'PS256'
      ? sign('sha256', Buffer.from(input), {
          key,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          // RFC 7518 section 3.5: the salt is as long as the hash.
          saltLength: 32,
        })
      : sign('sha256', Buffer.from(input), key);
  return `${input}.${signature.toString('base64url')}`;
}

function thumbprint(certificatePem: string, algorithm: 'sha1' | 'sha256'): string {
  return createHash(algorithm).update(der(certificatePem)).digest('base64url');
}

function der(certificatePem: string): Buffer {
  return Buffer.from(certificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, ''), 'base64');
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
