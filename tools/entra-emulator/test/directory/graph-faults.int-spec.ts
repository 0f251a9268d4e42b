import { type Client, type PageCollection, PageIterator } from '@microsoft/microsoft-graph-client';
import { READER, TENANT_ID } from './support/directory-fixture';
import { type DirectoryHarness, startDirectoryHarness } from './support/directory-harness';

interface FaultRuleView {
  id: string;
  fired: number;
  seen: number;
}

describe('fault injection through the control API', () => {
  let harness: DirectoryHarness;
  let graph: Client;
  let token: string;
  const getUsers = () =>
    harness.fetch(`${harness.url}/v1.0/users?$top=1`, { headers: { authorization: `Bearer ${token}` } });
  const addFault = async (rule: object): Promise<FaultRuleView> => {
    const response = await harness.control('POST', '/faults', rule);
    expect(response.status).toBe(201);
    return (await response.json()) as FaultRuleView;
  };

  beforeAll(async () => {
    harness = await startDirectoryHarness();
    graph = harness.graphClient(READER);
    token = await harness.token(READER);
  });
  afterEach(async () => {
    expect((await harness.control('DELETE', '/faults')).status).toBe(204);
  });
  afterAll(() => harness.close());

  it('answers 429 TooManyRequests with Retry-After on every Nth request', async () => {
    await addFault({ kind: 'throttle', everyNth: 2, retryAfterSeconds: 7, pathPrefix: '/v1.0/users' });
    expect((await getUsers()).status).toBe(200);
    const throttled = await getUsers();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(((await throttled.json()) as { error: { code: string } }).error.code).toBe('TooManyRequests');
    expect((await getUsers()).status).toBe(200);
  });

  it("lets the Graph client's RetryHandler wait Retry-After and finish the listing", async () => {
    const rule = await addFault({
      kind: 'throttle',
      everyNth: 3,
      retryAfterSeconds: 1,
      times: 1,
      pathPrefix: '/v1.0/users',
    });
    const started = Date.now();
    let users = 0;
    const first: PageCollection = await graph.api('/users').top(500).select('id').get();
    await new PageIterator(graph, first, () => {
      users++;
      return true;
    }).iterate();
    expect(users).toBe(2500);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const rules = (await (await harness.control('GET', '/faults')).json()) as { value: FaultRuleView[] };
    expect(rules.value.find((candidate) => candidate.id === rule.id)?.fired).toBe(1);
  });

  it('injects 503 and 504, scoped to a tenant', async () => {
    await addFault({ kind: 'serverError', status: 504, tenant: 'fabrikam.onmicrosoft.com' });
    expect((await getUsers()).status).toBe(200);
    await addFault({ kind: 'serverError', status: 503, tenant: TENANT_ID, times: 1 });
    const unavailable = await getUsers();
    expect(unavailable.status).toBe(503);
    expect(((await unavailable.json()) as { error: { code: string } }).error.code).toBe(
      'serviceNotAvailable',
    );
  });

  it('delays responses', async () => {
    await addFault({ kind: 'delay', delayMs: 300 });
    const started = Date.now();
    expect((await getUsers()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('cuts the connection in the middle of a page, and the Graph client surfaces an error', async () => {
    await addFault({ kind: 'cutConnection', pathPrefix: '/v1.0/users', times: 1 });
    const failure = await graph
      .api('/users')
      .top(999)
      .get()
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(Error);
    const page: PageCollection = await graph.api('/users').top(2).get();
    expect(page.value).toHaveLength(2);
  });

  it("models Graph's resource-unit budget per app and tenant when enabled", async () => {
    const enabled = await harness.control('PUT', '/throttling', {
      enabled: true,
      resourceUnitsPerWindow: 10,
      windowMs: 60_000,
    });
    expect(enabled.status).toBe(200);
    try {
      // GET /users costs 2 units: five fit into 10, the sixth waits for the window.
      for (let request = 0; request < 5; request++) expect((await getUsers()).status).toBe(200);
      const throttled = await getUsers();
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(50);
      expect(((await throttled.json()) as { error: { code: string } }).error.code).toBe('TooManyRequests');
    } finally {
      expect((await harness.control('PUT', '/throttling', { enabled: false })).status).toBe(200);
    }
    expect((await getUsers()).status).toBe(200);
    const invalid = await harness.control('PUT', '/throttling', { enabled: true, windowMs: 0 });
    expect(invalid.status).toBe(400);
  });

  it('does not fail on a malformed tenant segment while a tenant-scoped rule is active', async () => {
    await addFault({ kind: 'throttle', tenant: TENANT_ID });
    const response = await harness.fetch(`${harness.url}/%E0%A4%A/oauth2/v2.0/token`, { method: 'POST' });
    expect(response.status).toBeLessThan(500);
  });

  it('rejects bad rules with 400 and a message, and unknown ids with 404', async () => {
    const badKind = await harness.control('POST', '/faults', { kind: 'meteor' });
    expect(badKind.status).toBe(400);
    expect(((await badKind.json()) as { error: { message: string } }).error.message).toMatch(
      /kind must be one of throttle, serverError, delay, cutConnection/,
    );
    const badStatus = await harness.control('POST', '/faults', { kind: 'serverError', status: 404 });
    expect(badStatus.status).toBe(400);
    expect((await harness.control('DELETE', '/faults/does-not-exist')).status).toBe(404);
  });
});
