import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import * as oidc from 'openid-client';
import type { AuthGatewayConfig } from '../app/auth-gateway.config';
import { SignInError, SignInErrorCode } from '../errors/sign-in-error';
import type { InstanceResolver } from '../instances/instance-resolver';
import type { ResolvedInstance } from '../instances/resolved-instance';
import type { SpentTokensRepository } from '../sessions/spent-tokens.repository';
import { JwksCache } from '../validation/jwks-cache';
import type { SignInAttempt } from './sign-in-attempt.entity';
import type { IdTokenToSpend, SignInAttemptsRepository } from './sign-in-attempts.repository';
import type { SignInAuthorization } from './sign-in-authorization';
import { SignInService } from './sign-in.service';

const TENANT = '6f1c7a52-3c1e-4d0b-9a57-1b2f5d9e8a10';
const CLIENT = '11111111-2222-4333-8444-555555555555';
const ISSUER = `https://login.example/${TENANT}/v2.0`;
const signer = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwks = {
  keys: [{ ...signer.publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' }],
};
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
function idToken(claims: object): string {
  const input = `${b64({ alg: 'RS256', kid: 'k1', typ: 'JWT' })}.${b64(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), signer.privateKey).toString('base64url')}`;
}

/**
 * The id_token single-use check at the service boundary: the state store and directory sync are stubs
 * here. The state store alone already stops a replay (single-use state, nonce bound to it); this check
 * is the second line if a state were ever accepted twice.
 */
describe('sign-in service: an id_token works once', () => {
  const attempt: SignInAttempt = {
    stateHash: 'h',
    instanceAlias: 'contoso',
    browserHash: '',
    nonce: 'n-1',
    codeVerifier: null,
    responseType: 'id_token',
    returnTo: '/contoso/oidc/me',
    expiresAt: Date.now() + 60_000,
  };

  async function service() {
    const configuration = new oidc.Configuration(
      {
        issuer: ISSUER,
        jwks_uri: 'https://login.example/keys',
        authorization_endpoint: 'https://login.example/a',
      },
      CLIENT,
    );
    configuration[oidc.customFetch] = async () => Response.json(jwks);
    oidc.useIdTokenResponseType(configuration);
    const instance: ResolvedInstance = {
      alias: 'contoso',
      origin: 'https://archive.example',
      baseUrl: 'https://archive.example/contoso',
      redirectUri: 'https://archive.example/contoso/oidc/signin',
      responseType: 'id_token',
      credentialId: 'c',
      clientId: CLIENT,
      tenantId: TENANT,
      allowedTenantIds: [TENANT],
      issuer: ISSUER,
      oidc: configuration,
      jwks: new JwksCache('https://login.example/keys', async () => jwks, {
        minRefreshIntervalMs: 1000,
        maxAgeMs: 1e9,
      }),
    };
    const spent = new Set<string>();
    attempt.browserHash = createHash('sha256').update('binding').digest('hex');
    return new SignInService(
      { SIGN_IN_TIMEOUT_SECONDS: 600, CLOCK_SKEW_SECONDS: 60 } as AuthGatewayConfig,
      { resolve: async () => instance } as unknown as InstanceResolver,
      {
        takeOnce: async () => ({ ...attempt }),
        // As the one statement does it: spent only for its own attempt's nonce and browser.
        takeWithIdToken: async (_state: string, token: IdTokenToSpend) => ({
          attempt: { ...attempt },
          tokenFresh:
            token.nonce === attempt.nonce &&
            token.browserHash === attempt.browserHash &&
            !spent.has(token.digest) &&
            !!spent.add(token.digest),
        }),
      } as unknown as SignInAttemptsRepository,
      {
        spend: async (digest: string) => !spent.has(digest) && !!spent.add(digest),
      } as unknown as SpentTokensRepository,
      {
        archiveUser: async () => ({
          archiveUserId: 'u1',
          userName: 'alice',
          displayName: 'Alice',
          primaryAddress: 'a@x',
        }),
      } as unknown as SignInAuthorization,
    );
  }

  it('accepts the id_token once; the same token again is refused as a replay', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = idToken({
      iss: ISSUER,
      aud: CLIENT,
      tid: TENANT,
      oid: 'aaaaaaaa-0000-4000-8000-000000000001',
      sub: 's',
      nonce: 'n-1',
      iat: now,
      nbf: now,
      exp: now + 3600,
    });
    const sut = await service();
    const form = new URLSearchParams({ state: 'state-1', id_token: token });
    const first = await sut.finish('contoso', form, 'binding');
    expect(first.identity).toMatchObject({ tid: TENANT, oid: 'aaaaaaaa-0000-4000-8000-000000000001' });
    const replay = await sut.finish('contoso', form, 'binding').catch((error: unknown) => error);
    expect(replay).toBeInstanceOf(SignInError);
    expect(replay).toMatchObject({ code: SignInErrorCode.TokenRejected });
    expect((replay as SignInError).details.internal).toMatch(/id-token-unused/);
  });
});
