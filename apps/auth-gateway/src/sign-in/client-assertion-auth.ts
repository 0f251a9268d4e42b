import { Subjects } from '@archive365/contracts';
import type { RpcClient } from '@archive365/messaging';
import type * as oidc from 'openid-client';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Renew a cached assertion this long before it expires (MSAL reuses one for about 10 minutes). */
const RENEW_MARGIN_MS = 120_000;

/**
 * Client authentication for the code redemption with a certificate, as MSAL does it (RFC 7523, PS256,
 * `x5t#S256`, `aud` = the token endpoint). openid-client's own PrivateKeyJwt puts the issuer in `aud`,
 * which Entra refuses (AADSTS700023), and would need the private key here: the credentials service signs
 * instead, so the key never leaves it. Assertions are reused while valid (Entra accepts a repeated `jti`).
 */
export function clientAssertionAuth(
  rpc: RpcClient,
  credentialId: string,
  now: () => number = Date.now,
): oidc.ClientAuth {
  let cached: { audience: string; jwt: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const assertionFor = async (audience: string): Promise<string> => {
    if (cached && cached.audience === audience && cached.renewAt > now()) return cached.jwt;
    pending ??= rpc
      .send(Subjects.SignClientAssertion, { credentialId, audience })
      .then((signed) => {
        cached = { audience, jwt: signed.jwt, renewAt: Date.parse(signed.expiresAt) - RENEW_MARGIN_MS };
        return signed.jwt;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };

  const authenticate = async (
    as: oidc.ServerMetadata,
    client: oidc.ClientMetadata,
    body: URLSearchParams,
  ): Promise<void> => {
    if (!as.token_endpoint) throw new Error('the authority publishes no token endpoint');
    body.set('client_id', client.client_id);
    body.set('client_assertion_type', JWT_BEARER);
    body.set('client_assertion', await assertionFor(as.token_endpoint));
  };
  // openid-client awaits client authentication (its type says void, oauth4webapi's says Promise too).
  return authenticate as unknown as oidc.ClientAuth;
}
