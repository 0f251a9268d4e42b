import type { Client, GraphError } from '@microsoft/microsoft-graph-client';
import type * as Graph from '@microsoft/microsoft-graph-types';
import { READER, TENANT_ID } from './support/directory-fixture';
import { type DirectoryHarness, startDirectoryHarness } from './support/directory-harness';

const failure = (promise: Promise<unknown>): Promise<GraphError> =>
  promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: GraphError) => error,
  );

const ADVANCED_MESSAGE = (operator: string) =>
  `Operator '${operator}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`;

interface Page<T> {
  value: T[];
  '@odata.count'?: number;
  '@odata.nextLink'?: string;
}

describe('Graph advanced queries (ConsistencyLevel: eventual + $count=true)', () => {
  let harness: DirectoryHarness;
  let graph: Client;

  beforeAll(async () => {
    harness = await startDirectoryHarness();
    graph = harness.graphClient(READER);
  });
  afterAll(() => harness.close());

  const advanced = (path: string) =>
    graph.api(path).header('ConsistencyLevel', 'eventual').query({ $count: 'true' });

  it('refuses a page size above 999 with Request_UnsupportedQuery', async () => {
    const error = await failure(graph.api('/users').top(1000).get());
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('Request_UnsupportedQuery');
    expect(error.message).toBe("Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.");
  });

  it('finds licensed users with assignedLicenses/$count ne 0, and counts them', async () => {
    const users = harness.store.tenant(TENANT_ID)?.users.all() ?? [];
    const licensed = users.filter((user) => (user.assignedLicenses ?? []).length > 0).length;
    expect(licensed).toBeGreaterThan(0);
    expect(licensed).toBeLessThan(users.length);
    const page: Page<Graph.User> = await advanced('/users')
      .filter('assignedLicenses/$count ne 0')
      .select('id,assignedLicenses')
      .top(999)
      .get();
    expect(page['@odata.count']).toBe(licensed);
    expect(page.value.every((user) => (user.assignedLicenses ?? []).length > 0)).toBe(true);
    const plain = await failure(graph.api('/users').filter('assignedLicenses/$count ne 0').get());
    expect(plain.statusCode).toBe(400);
    expect(plain.code).toBe('Request_UnsupportedQuery');
    expect(plain.message).toBe(ADVANCED_MESSAGE('$count'));
  });

  it("answers ne and endsWith without the advanced parameters with Graph's message", async () => {
    const ne = await failure(graph.api('/users').filter("userType ne 'Guest'").get());
    expect(ne.code).toBe('Request_UnsupportedQuery');
    expect(ne.message).toBe(ADVANCED_MESSAGE('ne'));
    const endsWith = await failure(
      graph
        .api('/users')
        .header('ConsistencyLevel', 'eventual')
        .filter("endswith(mail,'@contoso.com')")
        .get(),
    );
    expect(endsWith.statusCode).toBe(400);
    expect(endsWith.message).toBe(ADVANCED_MESSAGE('endsWith'));
    const ok: Page<Graph.User> = await advanced('/users')
      .filter("endswith(mail,'@contoso.com')")
      .top(5)
      .get();
    expect(ok.value.every((user) => user.mail?.toLowerCase().endsWith('@contoso.com'))).toBe(true);
  });

  it('searches users and groups with $search, and refuses it without the header', async () => {
    const someone = harness.store.tenant(TENANT_ID)?.users.all()[7];
    const firstName = (someone?.displayName ?? '').split(' ')[0];
    const found: Page<Graph.User> = await advanced('/users')
      .query({ $search: `"displayName:${firstName}"` })
      .select('id,displayName')
      .top(999)
      .get();
    expect(found.value.map((user) => user.id)).toContain(someone?.id);
    expect(
      found.value.every((user) =>
        (user.displayName ?? '')
          .toLowerCase()
          .split(/\s+/)
          .some((word) => word.startsWith(firstName.toLowerCase())),
      ),
    ).toBe(true);
    const group = harness.store.tenant(TENANT_ID)?.groups.all()[0];
    const groups: Page<Graph.Group> = await advanced('/groups')
      .query({ $search: `"displayName:${(group?.displayName ?? '').split(' ')[0]}"` })
      .get();
    expect(groups.value.map((candidate) => candidate.id)).toContain(group?.id);
    const plain = await failure(
      graph
        .api('/users')
        .query({ $search: `"displayName:${firstName}"` })
        .get(),
    );
    expect(plain.statusCode).toBe(400);
    expect(plain.code).toBe('Request_UnsupportedQuery');
    expect(plain.message).toBe(
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    );
  });

  it('allows 15 terms in an or chain or in(), and refuses 16 with Graph’s message', async () => {
    const ids = (harness.store.tenant(TENANT_ID)?.users.all() ?? [])
      .slice(0, 16)
      .map((user) => `'${user.id}'`);
    const fifteen: Page<Graph.User> = await graph
      .api('/users')
      .filter(`id in (${ids.slice(0, 15).join(',')})`)
      .get();
    expect(fifteen.value).toHaveLength(15);
    const tooMany = await failure(
      graph
        .api('/users')
        .filter(`id in (${ids.join(',')})`)
        .get(),
    );
    expect(tooMany.code).toBe('Request_UnsupportedQuery');
    expect(tooMany.message).toBe(
      "Too many child clauses specified in search filter expression containing 'OR' operators: 16. Max allowed: 15.",
    );
    const ors = ids.map((id) => `id eq ${id}`).join(' or ');
    const orError = await failure(graph.api('/users').filter(ors).get());
    expect(orError.message).toMatch(/'OR' operators: 16\. Max allowed: 15\.$/);
  });
});
