import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Subjects } from '@archive365/contracts';
import { signInWithPassword } from '@archive365/entra-emulator';
import { waitFor } from '@archive365/testing';
import type { CookieClient } from './support/cookie-client';
import { ExpiredRowsPurge, SignInAttemptsRepository, SpentTokensRepository } from './support/services';
import { SignInPlatform } from './support/sign-in-platform';

const BINDING = '__Host-a365-bind';
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * The gateway on the embedded default (no DATABASE_URL): its SQLite branches of the hot path (the
 * login's insert, taking the attempt and spending the id_token, the PostgreSQL-only migration skipped)
 * through real sign-ins over HTTPS with the emulator, and the purge of expired rows.
 */
describe('auth gateway on embedded SQLite', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'auth-gateway-sqlite-'));
  let sut: SignInPlatform;
  let alice: { upn: string; password: string };

  beforeAll(async () => {
    // An empty DATABASE_URL counts as unset: the gateway opens its SQLite file in DATA_DIR.
    sut = await SignInPlatform.start({
      responseType: 'code',
      gatewayEnv: { DATABASE_URL: '', DATA_DIR: dataDir },
    });
    alice = await sut.addUser('alice');
    expect((await sut.sync()).state).toBe('succeeded');
  });

  afterAll(async () => {
    await sut?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const gateway = () => sut.platform.service('auth-gateway').app;

  /** Login and the emulator's answer for alice, not yet delivered to the gateway. */
  async function signInAtEmulator(client: CookieClient) {
    const login = await client.request(`${sut.base}/oidc/login`);
    expect(login.status).toBe(303);
    return signInWithPassword({
      authorizeUrl: login.location ?? '',
      userPrincipalName: alice.upn,
      password: alice.password,
      fetch: client.fetch,
    });
  }

  async function expectSignedIn(client: CookieClient) {
    const me = await client.request(`${sut.base}/oidc/me`);
    expect(me.status).toBe(200);
    expect(me.text).toContain('Alice Tester');
  }

  it('migrates its tables into the SQLite file (the PostgreSQL-only migration is skipped)', () => {
    expect(readdirSync(dataDir)).toContain('auth-gateway.sqlite');
  });

  it('code flow: signs in once; the same state again is refused', async () => {
    const client = sut.client();
    const signedIn = await signInAtEmulator(client);
    const callbackUrl = signedIn.redirect ?? '';
    expect(callbackUrl.startsWith(`${sut.base}/oidc/signin?`)).toBe(true);

    const callback = await client.request(callbackUrl);
    expect([callback.status, callback.location]).toEqual([303, `/${sut.alias}/oidc/me`]);
    await expectSignedIn(client);

    const replay = await client.request(callbackUrl);
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('This sign-in has expired');
  });

  describe('id_token by form_post', () => {
    beforeAll(async () => {
      await sut.caller.rpc.send(Subjects.ConfigureSignIn, {
        instanceAlias: sut.alias,
        credentialId: sut.credentialId,
        responseType: 'id_token',
      });
      await waitFor('the id_token sign-in settings', async () => {
        const login = await sut.client().request(`${sut.base}/oidc/login`);
        return login.location?.includes('response_type=id_token') ? true : undefined;
      });
    });

    async function formPost(client: CookieClient) {
      const signedIn = await signInAtEmulator(client);
      if (!signedIn.formPost) throw new Error(`no form_post from the emulator (${signedIn.status})`);
      return signedIn.formPost;
    }

    it('signs in once; the same form posted again is refused as a replayed state', async () => {
      const client = sut.client();
      const form = await formPost(client);
      const callback = await client.request(form.action, { method: 'POST', form: form.fields });
      expect([callback.status, callback.location]).toEqual([303, `/${sut.alias}/oidc/me`]);
      await expectSignedIn(client);

      const replay = await client.request(form.action, { method: 'POST', form: form.fields });
      expect(replay.status).toBe(400);
      expect(replay.text).toContain('This sign-in has expired');
    });

    it('a spent id_token is refused even with a state that matches it (a state accepted twice)', async () => {
      const client = sut.client();
      const form = await formPost(client);
      const idToken = form.fields['id_token'] ?? '';
      const { nonce } = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString()) as {
        nonce: string;
      };
      const binding = client.cookies.get(BINDING) ?? '';
      expect(binding).not.toBe('');
      // A second attempt with the same nonce and browser: the state store alone would let it through.
      await gateway()
        .get(SignInAttemptsRepository)
        .begin({
          stateHash: sha256('copied-state'),
          instanceAlias: sut.alias,
          browserHash: sha256(binding),
          nonce,
          codeVerifier: null,
          responseType: 'id_token',
          returnTo: `/${sut.alias}/oidc/me`,
          expiresAt: Date.now() + 60_000,
        });
      const first = await client.request(form.action, {
        method: 'POST',
        form: { ...form.fields, state: 'copied-state' },
      });
      expect([first.status, first.location]).toEqual([303, `/${sut.alias}/oidc/me`]);
      expect(await gateway().get(SpentTokensRepository).isSpent(sha256(idToken))).toBe(true);

      // The genuine attempt matches the token's nonce and browser, but the token was spent.
      client.cookies.set(BINDING, binding);
      const replay = await client.request(form.action, { method: 'POST', form: form.fields });
      expect(replay.status).toBe(401);
      expect(replay.text).toContain('Your sign-in could not be verified');
    });
  });

  it('the purge removes expired attempts and spent tokens, and keeps the others', async () => {
    const attempts = gateway().get(SignInAttemptsRepository);
    const spent = gateway().get(SpentTokensRepository);
    const now = Date.now();
    const attempt = (state: string, expiresAt: number) => ({
      stateHash: sha256(state),
      instanceAlias: sut.alias,
      browserHash: sha256('browser'),
      nonce: state,
      codeVerifier: 'v'.repeat(43),
      responseType: 'code' as const,
      returnTo: `/${sut.alias}/oidc/me`,
      expiresAt,
    });
    await attempts.begin(attempt('expired', now - 1000));
    await attempts.begin(attempt('current', now + 60_000));
    expect(await spent.spend(sha256('old token'), 'id-token', now - 1000)).toBe(true);
    expect(await spent.spend(sha256('live token'), 'id-token', now + 60_000)).toBe(true);

    await gateway().get(ExpiredRowsPurge).purge(now);

    // A time of 0 reads a row whatever its expiry: only the purge can have removed it.
    expect(await attempts.takeOnce(sha256('expired'), 0)).toBeUndefined();
    expect(await attempts.takeOnce(sha256('current'), now)).toMatchObject({
      nonce: 'current',
      codeVerifier: 'v'.repeat(43),
      expiresAt: now + 60_000,
    });
    expect(await spent.isSpent(sha256('old token'))).toBe(false);
    expect(await spent.isSpent(sha256('live token'))).toBe(true);
  });
});
