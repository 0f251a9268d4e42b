import type { Client, GraphError } from '@microsoft/microsoft-graph-client';
import { READER } from './support/directory-fixture';
import { type DirectoryHarness, startDirectoryHarness } from './support/directory-harness';

interface BatchResponse {
  responses: {
    id: string;
    status: number;
    headers: Record<string, string>;
    body: { value?: unknown[]; error?: { code: string } };
  }[];
}

describe('Graph JSON $batch', () => {
  let harness: DirectoryHarness;
  let graph: Client;

  beforeAll(async () => {
    harness = await startDirectoryHarness();
    graph = harness.graphClient(READER);
  });
  afterAll(() => harness.close());

  it('runs up to 20 requests, honours dependsOn, and answers each with id, status, headers and body', async () => {
    const result: BatchResponse = await graph.api('/$batch').post({
      requests: [
        { id: '1', method: 'GET', url: '/users?$top=2&$select=id' },
        { id: '2', method: 'GET', url: '/groups?$top=1', dependsOn: ['1'] },
        { id: '3', method: 'GET', url: '/users/nobody@contoso.com' },
        { id: '4', method: 'GET', url: '/organization', dependsOn: ['3'] },
      ],
    });
    const byId = new Map(result.responses.map((response) => [response.id, response]));
    expect(byId.get('1')?.status).toBe(200);
    expect(byId.get('1')?.body.value).toHaveLength(2);
    expect(byId.get('1')?.headers['content-type']).toMatch(/^application\/json/);
    expect(byId.get('2')?.status).toBe(200);
    expect(byId.get('3')?.status).toBe(404);
    expect(byId.get('4')?.status).toBe(424);
    expect(result.responses.findIndex((response) => response.id === '1')).toBeLessThan(
      result.responses.findIndex((response) => response.id === '2'),
    );
  });

  it('throttles individual steps inside a successful batch, with Retry-After on the step', async () => {
    const rule = await harness.control('POST', '/faults', {
      kind: 'throttle',
      everyNth: 2,
      retryAfterSeconds: 3,
      pathPrefix: '/v1.0/users',
    });
    expect(rule.status).toBe(201);
    try {
      const result: BatchResponse = await graph.api('/$batch').post({
        requests: [
          { id: 'a', method: 'GET', url: '/users?$top=1' },
          { id: 'b', method: 'GET', url: '/users?$top=1' },
          { id: 'c', method: 'GET', url: '/organization' },
        ],
      });
      const statuses = Object.fromEntries(result.responses.map((response) => [response.id, response.status]));
      expect(statuses).toEqual({ a: 200, b: 429, c: 200 });
      const throttled = result.responses.find((response) => response.id === 'b');
      expect(throttled?.headers['retry-after']).toBe('3');
      expect(throttled?.body.error?.code).toBe('TooManyRequests');
    } finally {
      await harness.control('DELETE', '/faults');
    }
  });

  it('rejects more than 20 requests with 400', async () => {
    const requests = Array.from({ length: 21 }, (_, index) => ({
      id: String(index),
      method: 'GET',
      url: '/users?$top=1',
    }));
    const error: GraphError = await graph
      .api('/$batch')
      .post({ requests })
      .catch((caught: GraphError) => caught);
    expect(error.statusCode).toBe(400);
    expect(error.message).toMatch(/at most 20 requests/);
  });

  it('rejects an unknown dependsOn and a body without Content-Type', async () => {
    const dangling: GraphError = await graph
      .api('/$batch')
      .post({ requests: [{ id: '1', method: 'GET', url: '/users', dependsOn: ['9'] }] })
      .catch((caught: GraphError) => caught);
    expect(dangling.statusCode).toBe(400);
    expect(dangling.message).toMatch(/depends on '9'/);
    const noType: GraphError = await graph
      .api('/$batch')
      .post({ requests: [{ id: '1', method: 'POST', url: '/applications', body: { displayName: 'x' } }] })
      .catch((caught: GraphError) => caught);
    expect(noType.message).toMatch(/Content-Type/);
  });
});
