import { DeviceCodeCredential, type DeviceCodeInfo } from '@azure/identity';
import { decodeJwt } from 'jose';
import { approveDeviceCode } from '../../src';
import { startIdentityHarness, type IdentityHarness } from './support/emulator-harness';
import { ALICE, BOB, CLI_APP_ID, TENANT_ID } from './support/identity-fixture';

const AZURE_CLI = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

describe('device code flow (RFC 8628 as Microsoft implements it)', () => {
  let harness: IdentityHarness;
  beforeAll(async () => {
    harness = await startIdentityHarness();
  });
  afterAll(async () => harness.emulator.close());

  /** The user's side: open the verification page, enter the code, sign in (or cancel). */
  async function actAsUser(
    info: { userCode: string; verificationUri: string },
    login: string,
    password: string,
    action = 'signin',
  ) {
    const entry = await harness.fetch(info.verificationUri);
    expect(await entry.text()).toContain('Enter code');
    const signInPage = await harness.fetch(info.verificationUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ otc: info.userCode.toLowerCase() }),
    });
    expect(await signInPage.text()).toContain('name="passwd"');
    const done = await harness.fetch(`${info.verificationUri}/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ user_code: info.userCode, login, passwd: password, action }),
    });
    return done.text();
  }

  it('DeviceCodeCredential: an administrator signs in to the Azure CLI at /organizations, then refreshes silently', async () => {
    let prompts = 0;
    const credential = new DeviceCodeCredential({
      tenantId: 'organizations',
      clientId: AZURE_CLI,
      authorityHost: harness.emulator.url,
      disableInstanceDiscovery: true,
      userPromptCallback: (info: DeviceCodeInfo) => {
        prompts += 1;
        expect(info.message).toContain(info.userCode);
        void approveDeviceCode({
          verificationUri: info.verificationUri,
          userCode: info.userCode,
          userPrincipalName: ALICE.upn,
          password: ALICE.password,
          fetch: harness.fetch,
        }).then((result) => expect(result).toEqual({ outcome: 'approved' }));
      },
    });
    const token = await credential.getToken('https://graph.microsoft.com/Application.ReadWrite.All');
    // A second scope comes silently from MSAL's refresh token (its account is keyed by client_info).
    const second = await credential.getToken('https://graph.microsoft.com/Directory.Read.All');
    expect(decodeJwt(second.token)).toMatchObject({
      oid: ALICE.id,
      scp: expect.stringContaining('Directory.Read.All'),
    });
    expect(prompts).toBe(1);
    expect(decodeJwt(token.token)).toMatchObject({
      tid: TENANT_ID,
      oid: ALICE.id,
      appid: AZURE_CLI,
      idtyp: 'user',
      appidacr: '0',
      scp: 'Application.ReadWrite.All openid profile',
      aud: 'https://graph.microsoft.com',
    });
  });

  async function startFlow(clientId: string, scope: string) {
    const response = await harness.fetch(`${harness.emulator.url}/${TENANT_ID}/oauth2/v2.0/devicecode`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: clientId, scope }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as {
      device_code: string;
      user_code: string;
      verification_uri: string;
      expires_in: number;
      interval: number;
      message: string;
    };
  }

  const poll = async (clientId: string, deviceCode: string) => {
    const response = await harness.fetch(`${harness.emulator.url}/${TENANT_ID}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: DEVICE_GRANT,
        client_id: clientId,
        device_code: deviceCode,
        client_info: '1',
      }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('polling: authorization_pending, slow_down when too fast, then tokens once', async () => {
    const flow = await startFlow(CLI_APP_ID, 'openid offline_access User.Read');
    expect(flow).toMatchObject({
      expires_in: 900,
      interval: 1,
      verification_uri: `${harness.emulator.url}/devicelogin`,
    });
    expect(flow.user_code).toMatch(/^[A-Z2-9]{9}$/);
    const pending = await poll(CLI_APP_ID, flow.device_code);
    expect(pending).toMatchObject({
      status: 400,
      body: { error: 'authorization_pending', error_codes: [70016] },
    });
    expect((await poll(CLI_APP_ID, flow.device_code)).body.error).toBe('slow_down');
    expect(
      await actAsUser(
        { userCode: flow.user_code, verificationUri: flow.verification_uri },
        BOB.upn,
        BOB.password,
      ),
    ).toContain('You have signed in');
    const tokens = await poll(CLI_APP_ID, flow.device_code);
    expect(tokens.status).toBe(200);
    expect(decodeJwt(String(tokens.body.access_token))).toMatchObject({
      oid: BOB.id,
      scp: 'User.Read openid',
    });
    expect(decodeJwt(String(tokens.body.id_token))).toMatchObject({ oid: BOB.id, aud: CLI_APP_ID });
    expect(tokens.body.refresh_token).toBeDefined();
    expect(JSON.parse(Buffer.from(String(tokens.body.client_info), 'base64url').toString())).toEqual({
      uid: BOB.id,
      utid: TENANT_ID,
    });
    expect((await poll(CLI_APP_ID, flow.device_code)).body.error).toBe('invalid_grant');
  });

  it('concurrent polls after approval: tokens once, invalid_grant for the others', async () => {
    const flow = await startFlow(CLI_APP_ID, 'openid User.Read');
    await actAsUser(
      { userCode: flow.user_code, verificationUri: flow.verification_uri },
      BOB.upn,
      BOB.password,
    );
    const polls = await Promise.all([1, 2, 3].map(() => poll(CLI_APP_ID, flow.device_code)));
    expect(polls.filter((result) => result.status === 200)).toHaveLength(1);
    expect(polls.filter((result) => result.body.error === 'invalid_grant')).toHaveLength(2);
  });

  it('declined by the user: authorization_declined', async () => {
    const flow = await startFlow(CLI_APP_ID, 'User.Read');
    expect(
      await actAsUser(
        { userCode: flow.user_code, verificationUri: flow.verification_uri },
        '',
        '',
        'decline',
      ),
    ).toContain('declined');
    expect((await poll(CLI_APP_ID, flow.device_code)).body).toMatchObject({
      error: 'authorization_declined',
    });
  });

  it('expired after 15 minutes: expired_token AADSTS70019, and the page refuses the code', async () => {
    const flow = await startFlow(CLI_APP_ID, 'User.Read');
    harness.emulator.store.clock.advance(16 * 60 * 1000);
    try {
      expect((await poll(CLI_APP_ID, flow.device_code)).body).toMatchObject({
        error: 'expired_token',
        error_codes: [70019],
      });
      const page = await harness.fetch(flow.verification_uri, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ otc: flow.user_code }),
      });
      expect(await page.text()).toContain('AADSTS70019');
    } finally {
      harness.emulator.store.clock.reset();
    }
  });

  it('a wrong user code (AADSTS70018) and a wrong password (AADSTS50126) are shown on the pages', async () => {
    const wrongCode = await harness.fetch(`${harness.emulator.url}/devicelogin`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ otc: 'ZZZZZZZZZ' }),
    });
    expect(await wrongCode.text()).toContain('AADSTS70018');
    const flow = await startFlow(CLI_APP_ID, 'User.Read');
    expect(
      await actAsUser({ userCode: flow.user_code, verificationUri: flow.verification_uri }, BOB.upn, 'wrong'),
    ).toContain('AADSTS50126');
  });

  it('a non-administrator at a first-party tool without consent: AADSTS65001 consent_required', async () => {
    const response = await harness.fetch(`${harness.emulator.url}/organizations/oauth2/v2.0/devicecode`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: AZURE_CLI,
        scope: 'https://graph.microsoft.com/Directory.Read.All',
      }),
    });
    const flow = (await response.json()) as {
      device_code: string;
      user_code: string;
      verification_uri: string;
    };
    await actAsUser(
      { userCode: flow.user_code, verificationUri: flow.verification_uri },
      BOB.upn,
      BOB.password,
    );
    const answer = await poll(AZURE_CLI, flow.device_code);
    expect(answer.body).toMatchObject({
      error: 'invalid_grant',
      error_codes: [65001],
      suberror: 'consent_required',
    });
  });

  it('an unknown delegated permission: AADSTS70011 invalid_scope', async () => {
    const response = await harness.fetch(`${harness.emulator.url}/${TENANT_ID}/oauth2/v2.0/devicecode`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: CLI_APP_ID,
        scope: 'https://graph.microsoft.com/Made.Up.Permission',
      }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_scope', error_codes: [70011] });
  });

  it('approveDeviceCode reports a wrong password and an unknown code by their AADSTS codes', async () => {
    const flow = await startFlow(CLI_APP_ID, 'User.Read');
    const approve = (userCode: string, password: string) =>
      approveDeviceCode({
        verificationUri: flow.verification_uri,
        userCode,
        userPrincipalName: BOB.upn,
        password,
        fetch: harness.fetch,
      });
    expect(await approve(flow.user_code, 'wrong')).toEqual({ outcome: 'failed', errorCode: 50126 });
    expect(await approve('AAAAAAAAA', BOB.password)).toEqual({ outcome: 'failed', errorCode: 70018 });
    expect(await approve(flow.user_code, BOB.password)).toEqual({ outcome: 'approved' });
  });
});
