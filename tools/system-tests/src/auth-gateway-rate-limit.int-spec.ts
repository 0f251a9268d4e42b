import { Agent, request } from 'undici';
import { SignInPlatform } from './support/sign-in-platform';

const LIMIT = 3;

/**
 * The rate limit of the sign-in endpoints, through the HTTPS front (which names the client in
 * X-Forwarded-For): a client over the limit gets 429 with a standard Retry-After, another client at the
 * same time is served as usual.
 */
describe('auth gateway: rate limit per client address', () => {
  let sut: SignInPlatform;
  const agents: Agent[] = [];

  beforeAll(async () => {
    sut = await SignInPlatform.start({
      responseType: 'code',
      gatewayEnv: { SIGN_IN_RATE_LIMIT_PER_MINUTE: String(LIMIT) },
    });
  });

  afterAll(async () => {
    await Promise.all(agents.map((agent) => agent.close()));
    await sut?.close();
  });

  /** A client at its own loopback address (Linux routes all of 127.0.0.0/8 to the loopback). */
  function clientAt(address: string) {
    const agent = new Agent({ localAddress: address, connect: { ca: sut.front.certPem } });
    agents.push(agent);
    return async () => {
      const answer = await request(`${sut.base}/oidc/login`, { dispatcher: agent });
      return { status: answer.statusCode, headers: answer.headers, text: await answer.body.text() };
    };
  }

  it('the request over the limit gets 429 with Retry-After; another client is unaffected', async () => {
    const busy = clientAt('127.0.0.2');
    const other = clientAt('127.0.0.3');
    for (let i = 0; i < LIMIT; i++) expect((await busy()).status).toBe(303);

    const refused = await busy();
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.text).toContain('Too many sign-in attempts');
    expect((await busy()).status).toBe(429);

    const served = await other();
    expect(served.status).toBe(303);
    expect(served.headers['retry-after']).toBeUndefined();
  });
});
