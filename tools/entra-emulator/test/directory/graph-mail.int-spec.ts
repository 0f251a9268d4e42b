import { ClientSecretCredential } from '@azure/identity';
import type { Client, GraphError } from '@microsoft/microsoft-graph-client';
import type * as Graph from '@microsoft/microsoft-graph-types';
import { MailboxDirectory } from '../../src/store/mailboxes';
import { READER, TENANT_ID, type TestApp } from './support/directory-fixture';
import { type DirectoryHarness, startDirectoryHarness } from './support/directory-harness';

const failure = (promise: Promise<unknown>): Promise<GraphError> =>
  promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: GraphError) => error,
  );

describe('mailboxes through Graph, Exchange RBAC for Applications and the EWS switch', () => {
  let harness: DirectoryHarness;
  let archiver: TestApp;
  let mail: Client;
  let licensed: string[];
  let unlicensed: string;

  beforeAll(async () => {
    harness = await startDirectoryHarness();
    const secret = 'Zx8~mail-archiver-secret-0123456789';
    const response = await harness.control('POST', `/tenants/${TENANT_ID}/apps`, {
      displayName: 'Mail archiver',
      clientSecret: secret,
      graphRoles: ['Mail.Read', 'MailboxItem.Read.All', 'MailboxItem.Export.All'],
      exchangeRoles: ['full_access_as_app'],
    });
    expect(response.status).toBe(201);
    const registered = (await response.json()) as {
      appId: string;
      applicationId: string;
      servicePrincipalId: string;
    };
    archiver = { ...registered, objectId: registered.applicationId, secret, roles: ['Mail.Read'] };
    mail = harness.graphClient(archiver);
    const users = harness.store.tenant(TENANT_ID)?.users.all() ?? [];
    licensed = users.filter((user) => MailboxDirectory.hasMailbox(user)).map((user) => user.id);
    unlicensed = users.find((user) => !MailboxDirectory.hasMailbox(user))?.id ?? '';
    expect(licensed.length).toBeGreaterThan(2);
    expect(unlicensed).not.toBe('');
  });
  afterAll(() => harness.close());

  it('lists the mail permissions as roles of Microsoft Graph, full_access_as_app of Exchange Online', async () => {
    const admin = harness.graphClient(READER);
    const graph: Graph.ServicePrincipal = await admin
      .api("/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')")
      .get();
    expect(graph.appRoles?.map((role) => role.value)).toEqual(
      expect.arrayContaining(['Mail.Read', 'MailboxItem.Read.All', 'MailboxItem.Export.All']),
    );
    const exchange: Graph.ServicePrincipal = await admin
      .api("/servicePrincipals(appId='00000002-0000-0ff1-ce00-000000000000')")
      .get();
    expect(exchange.appRoles?.map((role) => role.value)).toContain('full_access_as_app');
  });

  it("reads a licensed user's messages and folders, paged", async () => {
    const first: { value: Graph.Message[]; '@odata.nextLink'?: string } = await mail
      .api(`/users/${licensed[0]}/messages`)
      .top(4)
      .get();
    expect(first.value).toHaveLength(4);
    expect(first.value[0]).toMatchObject({ subject: expect.any(String), isRead: expect.any(Boolean) });
    const rest: { value: Graph.Message[] } = await mail.api(first['@odata.nextLink'] ?? '').get();
    expect(rest.value).toHaveLength(2);
    const folders: { value: Graph.MailFolder[] } = await mail.api(`/users/${licensed[0]}/mailFolders`).get();
    expect(folders.value.map((folder) => folder.displayName)).toEqual([
      'Inbox',
      'Sent Items',
      'Drafts',
      'Deleted Items',
      'Archive',
    ]);
    const inbox: { value: Graph.Message[] } = await mail
      .api(`/users/${licensed[0]}/mailFolders/inbox/messages`)
      .get();
    expect(inbox.value.every((message) => message.parentFolderId === folders.value[0].id)).toBe(true);
    const one: Graph.Message = await mail
      .api(`/users/${licensed[0]}/messages/${inbox.value[0].id}`)
      .select('subject')
      .get();
    expect(Object.keys(one).sort()).toEqual(['@odata.context', 'id', 'subject']);
  });

  it("answers Exchange's errors: no mailbox, unknown user, no mail permission", async () => {
    const noMailbox = await failure(mail.api(`/users/${unlicensed}/messages`).get());
    expect(noMailbox.statusCode).toBe(404);
    expect(noMailbox.code).toBe('MailboxNotEnabledForRESTAPI');
    expect(noMailbox.message).toBe('The mailbox is either inactive, soft-deleted, or is hosted on-premise.');
    const unknown = await failure(mail.api('/users/nobody@contoso.com/messages').get());
    expect(unknown.statusCode).toBe(404);
    expect(unknown.code).toBe('ErrorInvalidUser');
    const denied = await failure(harness.graphClient(READER).api(`/users/${licensed[0]}/messages`).get());
    expect(denied.statusCode).toBe(403);
    expect(denied.code).toBe('ErrorAccessDenied');
    expect(denied.message).toBe('Access is denied. Check credentials and try again.');
  });

  it('a management scope limits the app to its mailboxes, whatever Entra grants tenant-wide', async () => {
    const scoped = await harness.control(
      'PUT',
      `/tenants/${TENANT_ID}/apps/${archiver.appId}/mailbox-scope`,
      {
        mailboxes: [licensed[0]],
      },
    );
    expect(scoped.status).toBe(200);
    const inScope: { value: Graph.Message[] } = await mail.api(`/users/${licensed[0]}/messages`).get();
    expect(inScope.value.length).toBeGreaterThan(0);
    const outside = await failure(mail.api(`/users/${licensed[1]}/messages`).get());
    expect(outside.statusCode).toBe(403);
    expect(outside.code).toBe('ErrorAccessDenied');
    // Exchange grants through the scope alone too: an app without the Entra role reads in-scope mailboxes.
    await harness.control('PUT', `/tenants/${TENANT_ID}/apps/${READER.appId}/mailbox-scope`, {
      mailboxes: [licensed[1]],
    });
    const viaRbac: { value: Graph.Message[] } = await harness
      .graphClient(READER)
      .api(`/users/${licensed[1]}/messages`)
      .get();
    expect(viaRbac.value.length).toBeGreaterThan(0);
    expect(
      (await harness.control('DELETE', `/tenants/${TENANT_ID}/apps/${archiver.appId}/mailbox-scope`)).status,
    ).toBe(204);
    const unscoped: { value: Graph.Message[] } = await mail.api(`/users/${licensed[1]}/messages`).get();
    expect(unscoped.value.length).toBeGreaterThan(0);
  });

  it('EWS answers 403 Forbidden while switched off, until the tenant allows the app', async () => {
    const credential = new ClientSecretCredential(TENANT_ID, archiver.appId, archiver.secret, {
      authorityHost: harness.url,
      disableInstanceDiscovery: true,
    });
    const token = (await credential.getToken('https://outlook.office365.com/.default')).token;
    const ews = (authorization?: string) =>
      harness.fetch(`${harness.url}/EWS/Exchange.asmx`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', ...(authorization ? { authorization } : {}) },
        body: '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>',
      });
    const anonymous = await ews();
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(
      /^Bearer client_id="00000002-0000-0ff1-ce00-000000000000"/,
    );
    const blocked = await ews(`Bearer ${token}`);
    expect(blocked.status).toBe(403);
    expect(await blocked.text()).toBe('');
    const allowed = await harness.control('PUT', `/tenants/${TENANT_ID}/exchange`, {
      ewsEnabled: null,
      ewsAllowedAppIds: [archiver.appId],
    });
    expect(await allowed.json()).toEqual({ ewsEnabled: null, ewsAllowedAppIds: [archiver.appId] });
    expect((await ews(`Bearer ${token}`)).status).toBe(501);
  });
});
