import {
  type Client,
  GraphError,
  PageIterator,
  type PageCollection,
} from '@microsoft/microsoft-graph-client';
import type * as Graph from '@microsoft/microsoft-graph-types';
import { request as httpsRequest } from 'node:https';
import { ADMIN, READER, TENANT_DOMAIN, UNCONSENTED, USERS } from './support/directory-fixture';
import { type DirectoryHarness, startDirectoryHarness } from './support/directory-harness';

const E3_SKU = '6fd2c87f-b296-42f0-b197-1e91e994b900';

describe('Graph /users through the unmodified Graph client', () => {
  let harness: DirectoryHarness;
  let graph: Client;

  beforeAll(async () => {
    harness = await startDirectoryHarness();
    graph = harness.graphClient(READER);
  });
  afterAll(() => harness.close());

  it('pages every user with PageIterator, 100 per page by default, each user once', async () => {
    const first: PageCollection = await graph.api('/users').get();
    expect(first.value).toHaveLength(100);
    expect(first['@odata.nextLink']).toMatch(new RegExp(`^${harness.url}/v1.0/users\\?.*\\$skiptoken=`));
    const ids = new Set<string>();
    const iterator = new PageIterator(graph, first, (user: Graph.User) => {
      ids.add(user.id ?? '');
      return true;
    });
    await iterator.iterate();
    expect(ids.size).toBe(USERS);
  });

  it('honours $top up to 999 and rejects 0 and 1000 with 400', async () => {
    const page: PageCollection = await graph.api('/users').top(999).get();
    expect(page.value).toHaveLength(999);
    for (const top of [0, 1000]) {
      const error: GraphError = await graph
        .api('/users')
        .top(top)
        .get()
        .catch((caught: GraphError) => caught);
      expect(error.statusCode).toBe(400);
      expect(error.message).toMatch(/between 1 and 999/);
    }
  });

  it('returns the default property set, or exactly $select', async () => {
    const page: PageCollection = await graph.api('/users').top(1).get();
    expect(Object.keys(page.value[0]).sort()).toEqual(
      [
        'businessPhones',
        'displayName',
        'givenName',
        'id',
        'jobTitle',
        'mail',
        'mobilePhone',
        'officeLocation',
        'preferredLanguage',
        'surname',
        'userPrincipalName',
      ].sort(),
    );
    const selected: PageCollection = await graph
      .api('/users')
      .select(['id', 'accountEnabled', 'assignedPlans'])
      .top(5)
      .get();
    expect(Object.keys(selected.value[0])).toEqual(['id', 'accountEnabled', 'assignedPlans']);
    expect(selected['@odata.context']).toBe(
      `${harness.url}/v1.0/$metadata#users(id,accountEnabled,assignedPlans)`,
    );
    const unknown: GraphError = await graph
      .api('/users')
      .select('emulatorPassword')
      .get()
      .catch((caught: GraphError) => caught);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.message).toBe(
      "Could not find a property named 'emulatorPassword' on type 'microsoft.graph.user'.",
    );
  });

  it('filters on accountEnabled, userType, licenses, startswith and combinations', async () => {
    const all = harness.store.tenant(TENANT_DOMAIN)?.users.all() ?? [];
    const count = async (filter: string): Promise<number> => {
      let total = 0;
      let page: PageCollection = await graph.api('/users').filter(filter).select('id').top(999).get();
      for (;;) {
        total += page.value.length;
        const next = page['@odata.nextLink'];
        if (!next) return total;
        page = await graph.api(next).get();
      }
    };
    expect(await count('accountEnabled eq false')).toBe(
      all.filter((user) => user.accountEnabled === false).length,
    );
    expect(await count("userType eq 'Guest'")).toBe(all.filter((user) => user.userType === 'Guest').length);
    expect(await count(`assignedLicenses/any(x:x/skuId eq ${E3_SKU})`)).toBe(
      all.filter((user) => user.assignedLicenses?.some((license) => license.skuId === E3_SKU)).length,
    );
    expect(
      await count("startswith(displayName,'Conference Room') or startswith(displayName,'Boardroom')"),
    ).toBe(all.filter((user) => /^(Conference Room|Boardroom)/i.test(user.displayName ?? '')).length);
    expect(
      await count(
        `accountEnabled eq true and userType eq 'Member' and assignedLicenses/any(x:x/skuId eq ${E3_SKU})`,
      ),
    ).toBe(
      all.filter(
        (user) =>
          user.accountEnabled === true &&
          user.userType === 'Member' &&
          user.assignedLicenses?.some((license) => license.skuId === E3_SKU),
      ).length,
    );
    const byMail: PageCollection = await graph
      .api('/users')
      .filter(`mail eq 'ADELE.VANCE@${TENANT_DOMAIN}'`)
      .get();
    expect(byMail.value.map((user: Graph.User) => user.userPrincipalName)).toEqual([
      `adele.vance@${TENANT_DOMAIN}`,
    ]);
  });

  it('answers unsupported filters with 400 Request_UnsupportedQuery and syntax errors with 400', async () => {
    const unsupported: GraphError = await graph
      .api('/users')
      .filter("favoriteColor eq 'blue'")
      .get()
      .catch((caught: GraphError) => caught);
    expect(unsupported.statusCode).toBe(400);
    expect(unsupported.code).toBe('Request_UnsupportedQuery');
    expect(unsupported.message).toBe(
      "Unsupported or invalid query filter clause specified for property 'favoriteColor' of resource 'User'.",
    );
    const advanced: GraphError = await graph
      .api('/users')
      .filter("userType ne 'Guest'")
      .get()
      .catch((caught: GraphError) => caught);
    expect(advanced.code).toBe('Request_UnsupportedQuery');
    const advancedOk: PageCollection = await graph
      .api('/users')
      .header('ConsistencyLevel', 'eventual')
      .count(true)
      .filter("userType ne 'Guest'")
      .top(1)
      .get();
    expect(advancedOk['@odata.count']).toBeGreaterThan(0);
    const syntax: GraphError = await graph
      .api('/users')
      .filter('accountEnabled eq')
      .get()
      .catch((caught: GraphError) => caught);
    expect(syntax.statusCode).toBe(400);
    expect(syntax.message).toMatch(/^Invalid filter clause/);
  });

  it('refuses query options it does not implement instead of ignoring them', async () => {
    const expand: GraphError = await graph
      .api('/users')
      .expand('memberOf')
      .get()
      .catch((caught: GraphError) => caught);
    expect(expand.statusCode).toBe(400);
    expect(expand.message).toMatch(/'\$expand' is not supported by the emulator/);
    const skip: GraphError = await graph
      .api('/users')
      .skip(10)
      .get()
      .catch((caught: GraphError) => caught);
    expect(skip.message).toMatch(/'\$skip' is not supported by the service/);
  });

  it('reads system query options whatever their case, and refuses one given twice', async () => {
    const token = await harness.token(READER);
    const get = async (query: string) => {
      const response = await harness.fetch(`${harness.url}/v1.0/users?${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return { status: response.status, body: (await response.json()) as PageCollection };
    };
    const disabled = await get(
      `$FILTER=${encodeURIComponent('accountEnabled eq false')}&$Select=id,accountEnabled`,
    );
    expect(disabled.status).toBe(200);
    expect(disabled.body.value.length).toBeGreaterThan(0);
    expect(disabled.body.value.every((user: Graph.User) => user.accountEnabled === false)).toBe(true);
    const first = await get('$TOP=5');
    expect(first.body.value).toHaveLength(5);
    const token5 = new URL(first.body['@odata.nextLink'] ?? '').searchParams.get('$skiptoken') ?? '';
    const second = await get(`$top=5&$skipToken=${token5}`);
    expect(second.body.value[0].id).not.toBe(first.body.value[0].id);
    const twice = await get('$top=5&$top=6');
    expect(twice.status).toBe(400);
    expect(JSON.stringify(twice.body)).toMatch(/specified more than once/);
  });

  it('builds nextLink from a well-formed Host only, never from an injected one', async () => {
    const token = await harness.token(READER);
    const { port } = new URL(harness.url);
    const nextLinkFor = (host: string) =>
      new Promise<string>((resolve, reject) => {
        const request = httpsRequest(
          {
            host: 'localhost',
            port,
            servername: 'localhost',
            path: '/v1.0/users?$top=1&$select=id',
            headers: { host, authorization: `Bearer ${token}` },
          },
          (response) => {
            let text = '';
            response.on('data', (chunk: Buffer) => (text += chunk.toString()));
            response.on('end', () => resolve((JSON.parse(text) as PageCollection)['@odata.nextLink'] ?? ''));
          },
        );
        request.on('error', reject);
        request.end();
      });
    expect(await nextLinkFor(`LocalHost:${port}`)).toMatch(
      new RegExp(`^https://localhost:${port}/v1\\.0/users\\?`),
    );
    expect(await nextLinkFor('evil.example@attacker.example')).toMatch(
      new RegExp(`^https://localhost:${port}/v1\\.0/users\\?`),
    );
  });

  it('honours $count only with ConsistencyLevel: eventual and rejects /users/$count without it', async () => {
    const ignored: PageCollection = await graph.api('/users').count(true).top(1).get();
    expect(ignored['@odata.count']).toBeUndefined();
    const counted: PageCollection = await graph
      .api('/users')
      .header('ConsistencyLevel', 'eventual')
      .count(true)
      .top(1)
      .get();
    expect(counted['@odata.count']).toBe(USERS);
    const total: unknown = await graph.api('/users/$count').header('ConsistencyLevel', 'eventual').get();
    expect(Number(total)).toBe(USERS);
    const refused: GraphError = await graph
      .api('/users/$count')
      .get()
      .catch((caught: GraphError) => caught);
    expect(refused.statusCode).toBe(400);
  });

  it('finds a user by id or UPN and answers 404 Request_ResourceNotFound otherwise', async () => {
    const byUpn: Graph.User = await graph
      .api(`/users/${encodeURIComponent(`alex.wilber@${TENANT_DOMAIN}`)}`)
      .get();
    const byId: Graph.User = await graph.api(`/users/${byUpn.id}`).select('id,displayName').get();
    expect(byId).toEqual({
      '@odata.context': `${harness.url}/v1.0/$metadata#users(id,displayName)/$entity`,
      id: byUpn.id,
      displayName: 'Alex Wilber',
    });
    const missing: GraphError = await graph
      .api('/users/nobody@contoso.com')
      .get()
      .catch((caught: GraphError) => caught);
    expect(missing.statusCode).toBe(404);
    expect(missing.code).toBe('Request_ResourceNotFound');
    expect(missing.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 403 Authorization_RequestDenied to an app without consented roles', async () => {
    const denied: GraphError = await harness
      .graphClient(UNCONSENTED)
      .api('/users')
      .get()
      .catch((caught: GraphError) => caught);
    expect(denied.statusCode).toBe(403);
    expect(denied.code).toBe('Authorization_RequestDenied');
    expect(denied.message).toBe('Insufficient privileges to complete the operation.');
  });

  it('answers 401 InvalidAuthenticationToken without a valid token', async () => {
    const response = await harness.fetch(`${harness.url}/v1.0/users`, {
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { code: string; innerError: Record<string, string> } };
    expect(body.error.code).toBe('InvalidAuthenticationToken');
    expect(Object.keys(body.error.innerError).sort()).toEqual(['client-request-id', 'date', 'request-id']);
  });

  it('lists a user memberOf with @odata.type', async () => {
    const admin = harness.graphClient(ADMIN);
    const salesGroup = harness.store
      .tenant(TENANT_DOMAIN)
      ?.groups.all()
      .find((group) => group.displayName === 'Sales Team');
    const member = salesGroup?.emulatorMemberIds[0];
    const groups: PageCollection = await admin.api(`/users/${member}/memberOf`).get();
    expect(
      groups.value.map((group: Graph.Group & { '@odata.type': string }) => [
        group['@odata.type'],
        group.displayName,
      ]),
    ).toContainEqual(['#microsoft.graph.group', 'Sales Team']);
  });
});
