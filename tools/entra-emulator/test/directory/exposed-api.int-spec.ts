import type { Client, GraphError } from '@microsoft/microsoft-graph-client';
import type * as Graph from '@microsoft/microsoft-graph-types';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { signInThroughPages } from '../identity/support/page-sign-in';
import { ADMIN, TENANT_DOMAIN, TENANT_ID } from './support/directory-fixture';
import { type DirectoryHarness, startDirectoryHarness } from './support/directory-harness';

const failure = (promise: Promise<unknown>): Promise<GraphError> =>
  promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: GraphError) => error,
  );

const ADDIN_PAGE = 'https://addin.example/taskpane.html';
const NAA_REDIRECT = 'https://addin.example';
const BROKER_REDIRECT = 'brk-multihub://addin.example';
const WEB_REDIRECT = 'https://archive.example/signin';
const USER = { upn: `adele.api@${TENANT_DOMAIN}`, password: 'Adele-Api-Pa55!' };

describe('an exposed API (api://{appId}/access_as_user) with v2 tokens for an add-in', () => {
  let harness: DirectoryHarness;
  let admin: Client;
  let api: Graph.Application & { id: string; appId: string };
  const scopeId = randomUUID();

  beforeAll(async () => {
    harness = await startDirectoryHarness();
    admin = harness.graphClient(ADMIN);
    const joined = await harness.control('POST', `/tenants/${TENANT_ID}/users`, {
      displayName: 'Adele Api',
      userPrincipalName: USER.upn,
      password: USER.password,
    });
    expect(joined.status).toBe(201);
    api = await admin.api('/applications').post({ displayName: 'Archive365' });
    await admin.api('/servicePrincipals').post({ appId: api.appId });
  });
  afterAll(() => harness.close());

  it('registers the API, its scope, the pre-authorized add-in and SPA redirect URIs through Graph', async () => {
    await admin.api(`/applications/${api.id}`).patch({
      identifierUris: [`api://${api.appId}`],
      api: {
        requestedAccessTokenVersion: 2,
        oauth2PermissionScopes: [
          {
            id: scopeId,
            value: 'access_as_user',
            type: 'User',
            adminConsentDisplayName: 'Access the archive as the user',
            adminConsentDescription: 'Lets the add-in reach the archive for the signed-in user.',
            isEnabled: true,
          },
        ],
        preAuthorizedApplications: [{ appId: api.appId, delegatedPermissionIds: [scopeId] }],
      },
      spa: { redirectUris: [NAA_REDIRECT, BROKER_REDIRECT, ADDIN_PAGE] },
      web: { redirectUris: [WEB_REDIRECT] },
    });
    const read: Graph.Application = await admin.api(`/applications/${api.id}`).get();
    expect(read.identifierUris).toEqual([`api://${api.appId}`]);
    expect(read.api?.oauth2PermissionScopes?.[0]).toMatchObject({ value: 'access_as_user', id: scopeId });
    expect(read.spa?.redirectUris).toContain(BROKER_REDIRECT);
    const servicePrincipal: Graph.ServicePrincipal = await admin
      .api(`/servicePrincipals(appId='${api.appId}')`)
      .get();
    expect(servicePrincipal.servicePrincipalNames).toEqual([api.appId, `api://${api.appId}`]);
  });

  it('refuses an identifier URI outside the verified domains, and a SPA redirect URI of another scheme', async () => {
    const uri = await failure(
      admin.api(`/applications/${api.id}`).patch({ identifierUris: ['https://not-ours.example/api'] }),
    );
    expect(uri.statusCode).toBe(400);
    expect(uri.code).toBe('HostNameNotOnVerifiedDomain');
    expect(uri.message).toBe(
      "Values of identifierUris property must use a verified domain of the organization or its subdomain: 'https://not-ours.example/api'",
    );
    const spa = await failure(
      admin.api(`/applications/${api.id}`).patch({ spa: { redirectUris: ['ftp://x'] } }),
    );
    expect(spa.statusCode).toBe(400);
  });

  it('mints the add-in token (nested app authentication): v2 with aud, scp, azp, ver 2.0', async () => {
    const response = await harness.control('POST', `/tenants/${TENANT_ID}/sign-ins/access-token`, {
      clientId: api.appId,
      user: USER.upn,
      scope: `api://${api.appId}/access_as_user`,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string; scope: string; token_type: string };
    expect(body.scope).toBe(`api://${api.appId}/access_as_user`);
    const claims = decodeJwt(body.access_token);
    expect(claims).toMatchObject({
      aud: api.appId,
      iss: `${harness.url}/${TENANT_ID}/v2.0`,
      azp: api.appId,
      scp: 'access_as_user',
      ver: '2.0',
      tid: TENANT_ID,
      preferred_username: USER.upn,
    });
    expect(claims).not.toHaveProperty('appid');
  });

  async function signedInCode(redirectUri: string, verifier?: string): Promise<string> {
    const url = new URL(`${harness.url}/${TENANT_ID}/oauth2/v2.0/authorize`);
    url.search = new URLSearchParams({
      client_id: api.appId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: `openid api://${api.appId}/access_as_user`,
      ...(verifier
        ? {
            code_challenge: createHash('sha256').update(verifier).digest('base64url'),
            code_challenge_method: 'S256',
          }
        : {}),
    }).toString();
    const outcome = await signInThroughPages(harness.fetch, url, USER.upn, USER.password);
    return new URL(outcome.location ?? '').searchParams.get('code') ?? '';
  }

  const redeem = (code: string, redirectUri: string, extra: Record<string, string>, origin?: string) =>
    harness.fetch(`${harness.url}/${TENANT_ID}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(origin ? { origin } : {}),
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: api.appId,
        code,
        redirect_uri: redirectUri,
        ...extra,
      }),
    });

  it('a SPA redeems cross-origin with PKCE and gets the v2 token; Entra CORS header on the reply', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const code = await signedInCode(ADDIN_PAGE, verifier);
    const response = await redeem(code, ADDIN_PAGE, { code_verifier: verifier }, 'https://addin.example');
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await response.json()) as { access_token: string };
    expect(decodeJwt(body.access_token)).toMatchObject({ aud: api.appId, scp: 'access_as_user', ver: '2.0' });
  });

  it('refuses a SPA code redeemed without an Origin (AADSTS9002327) and a web code redeemed with one (9002326)', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const spaCode = await signedInCode(ADDIN_PAGE, verifier);
    const spa = await redeem(spaCode, ADDIN_PAGE, { code_verifier: verifier });
    expect(spa.status).toBe(400);
    const spaBody = (await spa.json()) as { error: string; error_codes: number[]; error_description: string };
    expect(spaBody.error).toBe('invalid_request');
    expect(spaBody.error_codes).toEqual([9002327]);
    expect(spaBody.error_description).toMatch(
      /^AADSTS9002327: Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests\.\r\n/,
    );
    const webCode = await signedInCode(WEB_REDIRECT);
    const web = await redeem(webCode, WEB_REDIRECT, {}, 'https://evil.example');
    const webBody = (await web.json()) as { error_codes: number[]; error_description: string };
    expect(webBody.error_codes).toEqual([9002326]);
    expect(webBody.error_description).toContain("Request origin: 'https://evil.example'.");
  });
});
