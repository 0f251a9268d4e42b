import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { JwksCache } from './jwks-cache';
import { TokenRejection } from './token-rejection';
import { validateApiAccessToken, validateIdToken, type TokenExpectations } from './token-validator';

const TENANT = '6f1c7a52-3c1e-4d0b-9a57-1b2f5d9e8a10';
const OTHER_TENANT = 'a0b1c2d3-0000-4000-8000-00000000beef';
const CLIENT = '11111111-2222-4333-8444-555555555555';
const OID = 'aaaaaaaa-0000-4000-8000-000000000001';
const ISSUER = `https://login.example/${TENANT}/v2.0`;
const NOW = 1_800_000_000;

const signer = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...signer.publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig' };

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwt(
  claims: object,
  header: object = { alg: 'RS256', kid: 'k1', typ: 'JWT' },
  key: KeyObject = signer.privateKey,
) {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

const idClaims = (extra: object = {}) => ({
  iss: ISSUER,
  aud: CLIENT,
  tid: TENANT,
  oid: OID,
  sub: 'pairwise-subject',
  nonce: 'n-1',
  iat: NOW - 10,
  nbf: NOW - 10,
  exp: NOW + 3600,
  ver: '2.0',
  ...extra,
});

describe('token validation: each refusal names the check and the rule it enforces', () => {
  let fetches: number;
  let clock: number;
  let expect_: TokenExpectations & { nonce: string };

  beforeEach(() => {
    fetches = 0;
    clock = 0;
    const jwks = new JwksCache(
      'https://login.example/keys',
      async () => {
        fetches += 1;
        return { keys: [jwk] };
      },
      { minRefreshIntervalMs: 30_000, maxAgeMs: 86_400_000, now: () => clock },
    );
    expect_ = {
      issuer: ISSUER,
      allowedTenantIds: [TENANT],
      clientId: CLIENT,
      jwks,
      nowSeconds: NOW,
      skewSeconds: 60,
      nonce: 'n-1',
    };
  });

  async function refusal(token: string, overrides: Partial<typeof expect_> = {}): Promise<TokenRejection> {
    try {
      await validateIdToken(token, { ...expect_, ...overrides });
    } catch (error) {
      if (error instanceof TokenRejection) return error;
      throw error;
    }
    throw new Error('the token was accepted');
  }

  it('accepts a well-formed id_token and keys the user on (tid, oid)', async () => {
    const validated = await validateIdToken(jwt(idClaims()), expect_);
    expect(validated).toMatchObject({ tid: TENANT, oid: OID });
  });

  it('tampered signature', async () => {
    const [header, , signature] = jwt(idClaims()).split('.');
    const tampered = `${header}.${b64(idClaims({ oid: 'bbbbbbbb-0000-4000-8000-000000000002' }))}.${signature}`;
    expect((await refusal(tampered)).check).toBe('signature');
    expect((await refusal(jwt(idClaims(), undefined, stranger.privateKey))).check).toBe('signature');
  });

  it('alg none, with or without a signature part', async () => {
    const unsigned = `${b64({ alg: 'none', kid: 'k1' })}.${b64(idClaims())}.`;
    expect((await refusal(unsigned)).check).toBe('algorithm-allowed');
    expect((await refusal(`${b64({ alg: 'none' })}.${b64(idClaims())}`)).check).toBe('token-shape');
  });

  it('HS256 keyed with the public key (algorithm confusion)', async () => {
    const header = b64({ alg: 'HS256', kid: 'k1' });
    const body = b64(idClaims());
    const secret = signer.publicKey.export({ type: 'spki', format: 'pem' });
    const mac = createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url');
    const rejection = await refusal(`${header}.${body}.${mac}`);
    expect(rejection.check).toBe('algorithm-allowed');
    expect(rejection.rule).toMatch(/RFC 8725/);
  });

  it('wrong issuer (same tenant id, another authority)', async () => {
    const rejection = await refusal(jwt(idClaims({ iss: `https://evil.example/${TENANT}/v2.0` })));
    expect(rejection.check).toBe('issuer');
    expect(rejection.rule).toMatch(/OIDC Core 3.1.3.7 step 2/);
  });

  it("a token of another instance's tenant is refused by our own tenant allow-list", async () => {
    const rejection = await refusal(
      jwt(idClaims({ tid: OTHER_TENANT, iss: `https://login.example/${OTHER_TENANT}/v2.0` })),
    );
    expect(rejection.check).toBe('tenant-allowed');
  });

  it('wrong audience, and several audiences', async () => {
    expect((await refusal(jwt(idClaims({ aud: '99999999-2222-4333-8444-555555555555' })))).check).toBe(
      'audience',
    );
    expect((await refusal(jwt(idClaims({ aud: [CLIENT, 'other'] })))).check).toBe('single-audience');
  });

  it('azp present and not ours', async () => {
    expect((await refusal(jwt(idClaims({ azp: 'someone-else' })))).check).toBe('authorized-party');
  });

  it('expired (beyond the skew) but accepted within it', async () => {
    expect((await refusal(jwt(idClaims({ exp: NOW - 61 })))).check).toBe('not-expired');
    await expect(validateIdToken(jwt(idClaims({ exp: NOW - 30 })), expect_)).resolves.toBeDefined();
  });

  it('not yet valid', async () => {
    expect((await refusal(jwt(idClaims({ nbf: NOW + 120 })))).check).toBe('not-before');
  });

  it('iat in the future', async () => {
    expect((await refusal(jwt(idClaims({ iat: NOW + 600 })))).check).toBe('issued-at');
  });

  it('nonce mismatch or missing', async () => {
    expect((await refusal(jwt(idClaims({ nonce: 'n-2' })))).check).toBe('nonce');
    expect((await refusal(jwt(idClaims({ nonce: undefined })))).check).toBe('nonce');
  });

  it('an unknown key id refreshes the JWKS once, then refuses; more unknown kids wait for the rate limit', async () => {
    await validateIdToken(jwt(idClaims()), expect_);
    expect(fetches).toBe(1);
    // Just fetched: an unknown kid right now waits; once the interval passed it triggers a refresh.
    const unknownNow = jwt(idClaims(), { alg: 'RS256', kid: 'rotated-away' });
    expect((await refusal(unknownNow)).check).toBe('signing-key-known');
    expect(fetches).toBe(1);
    clock += 30_000;
    const unknown = jwt(idClaims(), { alg: 'RS256', kid: 'rotated-away' });
    expect((await refusal(unknown)).check).toBe('signing-key-known');
    expect(fetches).toBe(2);
    await refusal(unknown);
    await refusal(unknown);
    expect(fetches).toBe(2);
    clock += 30_000;
    await refusal(unknown);
    expect(fetches).toBe(3);
  });

  it('no kid, a crit header, or garbage', async () => {
    expect((await refusal(jwt(idClaims(), { alg: 'RS256' }))).check).toBe('key-id-present');
    expect((await refusal(jwt(idClaims(), { alg: 'RS256', kid: 'k1', crit: ['exp'] }))).check).toBe(
      'no-critical-extensions',
    );
    expect((await refusal('not.a.jwt!')).check).toBe('token-shape');
  });

  describe('access tokens for our API (nested app authentication)', () => {
    const accessClaims = (extra: object = {}) => ({
      ...idClaims({ nonce: undefined }),
      aud: CLIENT,
      azp: CLIENT,
      scp: 'access_as_user',
      ver: '2.0',
      ...extra,
    });
    const validate = (token: string) =>
      validateApiAccessToken(token, { ...expect_, scope: 'access_as_user', clientApps: [CLIENT] });

    it('accepts aud as the client id or the App ID URI', async () => {
      await expect(validate(jwt(accessClaims()))).resolves.toMatchObject({ oid: OID });
      await expect(validate(jwt(accessClaims({ aud: `api://${CLIENT}` })))).resolves.toMatchObject({
        oid: OID,
      });
    });

    it('wrong scp', async () => {
      await expect(validate(jwt(accessClaims({ scp: 'User.Read' })))).rejects.toMatchObject({
        check: 'scope',
      });
    });

    it('a v1.0 token, a Graph token, another tenant', async () => {
      await expect(validate(jwt(accessClaims({ ver: '1.0' })))).rejects.toMatchObject({
        check: 'token-version',
      });
      await expect(validate(jwt(accessClaims({ aud: 'https://graph.microsoft.com' })))).rejects.toMatchObject(
        {
          check: 'audience',
        },
      );
      await expect(validate(jwt(accessClaims({ tid: OTHER_TENANT })))).rejects.toMatchObject({
        check: 'tenant-allowed',
      });
    });

    it('azp missing or of another client', async () => {
      await expect(validate(jwt(accessClaims({ azp: undefined })))).rejects.toMatchObject({
        check: 'authorized-party',
      });
      await expect(validate(jwt(accessClaims({ azp: 'other-app' })))).rejects.toMatchObject({
        check: 'authorized-party',
      });
    });
  });
});
