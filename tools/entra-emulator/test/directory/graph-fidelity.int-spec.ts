import type { GraphError } from '@microsoft/microsoft-graph-client';
import { READER, TENANT_ID } from './support/directory-fixture';
import { type DirectoryHarness, startDirectoryHarness } from './support/directory-harness';

describe("Graph's exact answers: $metadata without a token, the 429 of throttling", () => {
  let harness: DirectoryHarness;

  beforeAll(async () => {
    harness = await startDirectoryHarness();
  });
  afterAll(() => harness.close());

  it('serves $metadata (CSDL) without a token', async () => {
    const response = await harness.fetch(`${harness.url}/v1.0/$metadata`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/xml;charset=utf-8');
    const xml = await response.text();
    expect(xml).toContain('<Schema Namespace="microsoft.graph" Alias="graph"');
    expect(xml).toContain('<EntityType Name="user">');
    expect(xml).toContain('<Property Name="userPrincipalName" Type="Edm.String" />');
    expect(xml).toContain('<EntitySet Name="users" EntityType="microsoft.graph.user" />');
  });

  it("answers throttling with Graph's 429: message, innerError, Retry-After and x-ms-throttle headers", async () => {
    expect(
      (
        await harness.control('PUT', '/throttling', {
          enabled: true,
          resourceUnitsPerWindow: 2,
          windowMs: 60_000,
        })
      ).status,
    ).toBe(200);
    try {
      const token = await harness.token(READER);
      const get = () =>
        harness.fetch(`${harness.url}/v1.0/users?$top=1`, {
          headers: {
            authorization: `Bearer ${token}`,
            'client-request-id': '6a1d2b3c-0000-4000-8000-000000000429',
          },
        });
      expect((await get()).status).toBe(200);
      const throttled = await get();
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(throttled.headers.get('x-ms-throttle-scope')).toBe(
        `Tenant_Application/ReadWrite/${TENANT_ID}/${READER.appId}`,
      );
      expect(throttled.headers.get('x-ms-throttle-information')).toBe('ResourceUnitLimitExceeded');
      expect(throttled.headers.get('x-ms-resource-unit')).toBe('2');
      const body = (await throttled.json()) as { error: GraphError & { innerError: Record<string, string> } };
      expect(body.error.code).toBe('TooManyRequests');
      expect(body.error.message).toBe('Please retry again later.');
      expect(body.error.innerError).toEqual({
        date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
        'request-id': throttled.headers.get('request-id'),
        'client-request-id': '6a1d2b3c-0000-4000-8000-000000000429',
      });
    } finally {
      await harness.control('PUT', '/throttling', { enabled: false });
    }
  });
});
