import { ClientCertificateCredential } from '@azure/identity';
import { Client, type GraphError, type PageCollection } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import type * as Graph from '@microsoft/microsoft-graph-types';
import { X509Certificate } from 'node:crypto';
import { certificateDer } from '../../src/tls/pem';
import { buildCertificate } from '../../src/tls/x509-builder';
import { ADMIN, READER, TENANT_ID } from './support/directory-fixture';
import { type DirectoryHarness, startDirectoryHarness } from './support/directory-harness';

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const EXCHANGE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';
const DIRECTORY_READ_ALL = '7ab1d382-f21e-4acd-a863-ba3e13f7da61';
const FULL_ACCESS_AS_APP = 'dc890d15-9560-4a4c-9b7f-a736ec74ec40';
const REDIRECT = 'https://archive.example/contoso/oidc/signin';

const failure = (promise: Promise<unknown>): Promise<GraphError> =>
  promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: GraphError) => error,
  );

describe('Graph app registration setup: applications, service principals, consent', () => {
  let harness: DirectoryHarness;
  let admin: Client;
  const certificate = buildCertificate({ commonName: 'archive-connector', validDays: 365 });
  const keyBase64 = certificateDer(certificate.certPem).toString('base64');
  let application: Graph.Application & { id: string; appId: string };
  let servicePrincipal: Graph.ServicePrincipal & { id: string };
  let graphServicePrincipal: Graph.ServicePrincipal & { id: string };

  beforeAll(async () => {
    harness = await startDirectoryHarness();
    admin = harness.graphClient(ADMIN);
  });
  afterAll(() => harness.close());

  it('creates an application with a generated appId, readable by id or appId', async () => {
    application = await admin.api('/applications').post({ displayName: 'Archive Connector (contoso)' });
    expect(application.appId).toMatch(/^[0-9a-f-]{36}$/);
    expect(application.web?.implicitGrantSettings?.enableIdTokenIssuance).toBe(false);
    const byAppId: Graph.Application = await admin
      .api(`/applications(appId='${application.appId}')`)
      .select('id,displayName')
      .get();
    expect(byAppId.id).toBe(application.id);
  });

  it('PATCHes the certificate, redirect URI, ID tokens and required permissions', async () => {
    await admin.api(`/applications/${application.id}`).patch({
      keyCredentials: [
        { type: 'AsymmetricX509Cert', usage: 'Verify', key: keyBase64, displayName: 'CN=archive-connector' },
      ],
      web: { redirectUris: [REDIRECT], implicitGrantSettings: { enableIdTokenIssuance: true } },
      requiredResourceAccess: [
        { resourceAppId: GRAPH_APP_ID, resourceAccess: [{ id: DIRECTORY_READ_ALL, type: 'Role' }] },
        { resourceAppId: EXCHANGE_APP_ID, resourceAccess: [{ id: FULL_ACCESS_AS_APP, type: 'Role' }] },
      ],
    });
    const plain: Graph.Application = await admin.api(`/applications/${application.id}`).get();
    expect(plain.keyCredentials?.[0].key).toBeNull();
    expect(plain.web?.redirectUris).toEqual([REDIRECT]);
    expect(plain.web?.implicitGrantSettings).toEqual({
      enableAccessTokenIssuance: false,
      enableIdTokenIssuance: true,
    });
    const withKeys: Graph.Application = await admin
      .api(`/applications/${application.id}`)
      .select('keyCredentials')
      .get();
    const thumbprint = Buffer.from(
      new X509Certificate(certificate.certPem).fingerprint.replace(/:/g, ''),
      'hex',
    ).toString('base64');
    expect(withKeys.keyCredentials?.[0]).toMatchObject({
      key: keyBase64,
      customKeyIdentifier: thumbprint,
      type: 'AsymmetricX509Cert',
      usage: 'Verify',
    });
  });

  it('replaces the whole keyCredentials list on PATCH (read, append, write back)', async () => {
    const second = buildCertificate({ commonName: 'archive-connector-next', validDays: 365 });
    const current: Graph.Application = await admin
      .api(`/applications/${application.id}`)
      .select('keyCredentials')
      .get();
    const appended = [
      ...(current.keyCredentials ?? []),
      { type: 'AsymmetricX509Cert', usage: 'Verify', key: certificateDer(second.certPem).toString('base64') },
    ];
    await admin.api(`/applications/${application.id}`).patch({ keyCredentials: appended });
    const both: Graph.Application = await admin
      .api(`/applications/${application.id}`)
      .select('keyCredentials')
      .get();
    expect(both.keyCredentials).toHaveLength(2);
    await admin.api(`/applications/${application.id}`).patch({ keyCredentials: [both.keyCredentials?.[0]] });
    const one: Graph.Application = await admin
      .api(`/applications/${application.id}`)
      .select('keyCredentials')
      .get();
    expect(one.keyCredentials?.map((key) => key.key)).toEqual([keyBase64]);
  });

  it("returns a certificate's key only for a single object with $select=keyCredentials, never in lists", async () => {
    const listed: PageCollection = await admin
      .api('/applications')
      .filter(`appId eq '${application.appId}'`)
      .select('id,keyCredentials')
      .get();
    expect(listed.value[0].keyCredentials.length).toBeGreaterThan(0);
    expect(listed.value[0].keyCredentials.map((key: Graph.KeyCredential) => key.key)).toEqual(
      listed.value[0].keyCredentials.map(() => null),
    );
    const stored = harness.store.tenant(TENANT_ID)?.apps.servicePrincipalById(READER.servicePrincipalId);
    if (!stored) throw new Error('no service principal');
    stored.keyCredentials = [
      {
        keyId: '4b3c2a10-0000-4000-8000-000000000001',
        type: 'AsymmetricX509Cert',
        usage: 'Verify',
        key: keyBase64,
      },
    ];
    const single: Graph.ServicePrincipal = await admin
      .api(`/servicePrincipals/${READER.servicePrincipalId}`)
      .select('keyCredentials')
      .get();
    expect(single.keyCredentials?.[0].key).toBe(keyBase64);
    const plain: Graph.ServicePrincipal = await admin
      .api(`/servicePrincipals/${READER.servicePrincipalId}`)
      .get();
    expect(plain.keyCredentials?.[0].key).toBeNull();
    stored.keyCredentials = [];
  });

  it('rejects bad application bodies with 400 and a message naming the property, changing nothing', async () => {
    const http = await failure(
      admin
        .api(`/applications/${application.id}`)
        .patch({ web: { redirectUris: ['http://archive.example/signin'] } }),
    );
    expect(http.statusCode).toBe(400);
    expect(http.code).toBe('Request_BadRequest');
    expect(http.message).toMatch(/redirectUris.*must use https/);
    const key = await failure(
      admin.api(`/applications/${application.id}`).patch({
        keyCredentials: [{ type: 'AsymmetricX509Cert', usage: 'Verify', key: 'bm90IGEgY2VydA==' }],
      }),
    );
    expect(key.message).toMatch(/not an X\.509 certificate/);
    const readOnly = await failure(
      admin.api(`/applications/${application.id}`).patch({ appId: '00000000-0000-0000-0000-000000000001' }),
    );
    expect(readOnly.message).toMatch(/'appId' is read-only/);
    const unchanged: Graph.Application = await admin
      .api(`/applications/${application.id}`)
      .select('web')
      .get();
    expect(unchanged.web?.redirectUris).toEqual([REDIRECT]);
  });

  it('answers 404 Request_ResourceNotFound, not 500, for an empty appId key', async () => {
    for (const path of ["/applications(appId='')", "/servicePrincipals(appId='')"]) {
      const error = await failure(admin.api(path).get());
      expect(error.statusCode).toBe(404);
      expect(error.code).toBe('Request_ResourceNotFound');
    }
  });

  it('creates the service principal once (409 on a second one) and finds Microsoft Graph by appId', async () => {
    servicePrincipal = await admin.api('/servicePrincipals').post({ appId: application.appId });
    expect(servicePrincipal.servicePrincipalNames).toContain(application.appId);
    const duplicate = await failure(admin.api('/servicePrincipals').post({ appId: application.appId }));
    expect(duplicate.statusCode).toBe(409);
    const unknownApp = await failure(
      admin.api('/servicePrincipals').post({ appId: '00000000-1111-4222-8333-444444444444' }),
    );
    expect(unknownApp.statusCode).toBe(400);
    const found: PageCollection = await admin
      .api('/servicePrincipals')
      .filter(`appId eq '${GRAPH_APP_ID}'`)
      .get();
    graphServicePrincipal = found.value[0];
    expect(graphServicePrincipal.appRoles?.find((role) => role.value === 'Directory.Read.All')?.id).toBe(
      DIRECTORY_READ_ALL,
    );
  });

  it('grants admin consent (app role assignment); the app then reads users with its certificate', async () => {
    const assignment: Graph.AppRoleAssignment = await admin
      .api(`/servicePrincipals/${servicePrincipal.id}/appRoleAssignments`)
      .post({
        principalId: servicePrincipal.id,
        resourceId: graphServicePrincipal.id,
        appRoleId: DIRECTORY_READ_ALL,
      });
    expect(assignment).toMatchObject({
      principalType: 'ServicePrincipal',
      resourceDisplayName: 'Microsoft Graph',
      appRoleId: DIRECTORY_READ_ALL,
    });
    expect(assignment.id).toHaveLength(43);
    const assignedTo: PageCollection = await admin
      .api(`/servicePrincipals/${graphServicePrincipal.id}/appRoleAssignedTo`)
      .get();
    expect(assignedTo.value.map((item: Graph.AppRoleAssignment) => item.id)).toContain(assignment.id);

    const credential = new ClientCertificateCredential(
      TENANT_ID,
      application.appId,
      { certificate: certificate.keyPem + certificate.certPem },
      { authorityHost: harness.url, disableInstanceDiscovery: true },
    );
    const connector = Client.initWithMiddleware({
      authProvider: new TokenCredentialAuthenticationProvider(credential, {
        scopes: ['https://graph.microsoft.com/.default'],
      }),
      baseUrl: `${harness.url}/`,
      customHosts: new Set(['localhost']),
    });
    const users: PageCollection = await connector.api('/users').top(3).get();
    expect(users.value).toHaveLength(3);

    const wrongRole = await failure(
      admin.api(`/servicePrincipals/${servicePrincipal.id}/appRoleAssignments`).post({
        principalId: servicePrincipal.id,
        resourceId: graphServicePrincipal.id,
        appRoleId: FULL_ACCESS_AS_APP,
      }),
    );
    expect(wrongRole.statusCode).toBe(400);
    expect(wrongRole.message).toMatch(/Permission being assigned was not found/);
  });

  it('grants Exchange full_access_as_app and revokes consent; a new token then lacks the role', async () => {
    const exchange: PageCollection = await admin
      .api('/servicePrincipals')
      .filter(`appId eq '${EXCHANGE_APP_ID}'`)
      .get();
    const exchangeSp = exchange.value[0] as Graph.ServicePrincipal & { id: string };
    const fullAccess: Graph.AppRoleAssignment = await admin
      .api(`/servicePrincipals/${servicePrincipal.id}/appRoleAssignments`)
      .post({ principalId: servicePrincipal.id, resourceId: exchangeSp.id, appRoleId: FULL_ACCESS_AS_APP });
    expect(fullAccess.resourceDisplayName).toBe('Office 365 Exchange Online');
    const held: PageCollection = await admin
      .api(`/servicePrincipals/${servicePrincipal.id}/appRoleAssignments`)
      .get();
    expect(held.value.map((item: Graph.AppRoleAssignment) => item.appRoleId).sort()).toEqual(
      [DIRECTORY_READ_ALL, FULL_ACCESS_AS_APP].sort(),
    );
    const graphConsent = held.value.find(
      (item: Graph.AppRoleAssignment) => item.appRoleId === DIRECTORY_READ_ALL,
    ) as Graph.AppRoleAssignment;
    await admin
      .api(`/servicePrincipals/${servicePrincipal.id}/appRoleAssignments/${graphConsent.id}`)
      .delete();
    const credential = new ClientCertificateCredential(
      TENANT_ID,
      application.appId,
      { certificate: certificate.keyPem + certificate.certPem },
      { authorityHost: harness.url, disableInstanceDiscovery: true },
    );
    const connector = Client.initWithMiddleware({
      authProvider: new TokenCredentialAuthenticationProvider(credential, {
        scopes: ['https://graph.microsoft.com/.default'],
      }),
      baseUrl: `${harness.url}/`,
      customHosts: new Set(['localhost']),
    });
    const denied = await failure(connector.api('/users').top(1).get());
    expect(denied.statusCode).toBe(403);
    const missing = await failure(
      admin.api(`/servicePrincipals/${servicePrincipal.id}/appRoleAssignments/${graphConsent.id}`).delete(),
    );
    expect(missing.statusCode).toBe(404);
    await admin.api(`/servicePrincipals/${servicePrincipal.id}/appRoleAssignments`).post({
      principalId: servicePrincipal.id,
      resourceId: graphServicePrincipal.id,
      appRoleId: DIRECTORY_READ_ALL,
    });
  });

  it('records delegated consent as an oauth2PermissionGrant', async () => {
    const grant: Graph.OAuth2PermissionGrant = await admin.api('/oauth2PermissionGrants').post({
      clientId: servicePrincipal.id,
      consentType: 'AllPrincipals',
      principalId: null,
      resourceId: graphServicePrincipal.id,
      scope: 'openid profile User.Read',
    });
    expect(grant.scope).toBe('openid profile User.Read');
    const found: PageCollection = await admin
      .api('/oauth2PermissionGrants')
      .filter(`clientId eq '${servicePrincipal.id}'`)
      .get();
    expect(found.value.map((item: Graph.OAuth2PermissionGrant) => item.id)).toEqual([grant.id]);
    const unknownScope = await failure(
      admin.api('/oauth2PermissionGrants').post({
        clientId: servicePrincipal.id,
        consentType: 'AllPrincipals',
        resourceId: graphServicePrincipal.id,
        scope: 'Mail.Teleport',
      }),
    );
    expect(unknownScope.message).toMatch(/Mail\.Teleport is not a delegated permission/);
  });

  it('never returns client secrets or passwords', async () => {
    const apps: PageCollection = await admin.api('/applications').select('appId,passwordCredentials').get();
    const withSecrets = apps.value.filter(
      (app: Graph.Application) => (app.passwordCredentials ?? []).length > 0,
    );
    expect(withSecrets.length).toBeGreaterThan(0);
    for (const app of withSecrets as Graph.Application[])
      for (const secret of app.passwordCredentials ?? []) expect(secret.secretText).toBeNull();
    expect(JSON.stringify(apps)).not.toContain(ADMIN.secret);
    const users: PageCollection = await admin.api('/users').select('id,passwordProfile').top(10).get();
    expect(users.value.every((user: Graph.User) => user.passwordProfile === null)).toBe(true);
  });

  it('refuses writes to an app with only Directory.Read.All', async () => {
    const denied = await failure(
      harness.graphClient(READER).api('/applications').post({ displayName: 'Nope' }),
    );
    expect(denied.statusCode).toBe(403);
    expect(denied.code).toBe('Authorization_RequestDenied');
  });
});
