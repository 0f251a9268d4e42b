import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pinoHttp } from 'pino-http';
import { httpLogOptions } from './logger.module';
import { redactQuery, redactUrl } from './redact-url';

describe('redactUrl', () => {
  it('blanks the one-time code and the state of an OIDC callback, keeping the rest', () => {
    expect(redactUrl('/signin-oidc?code=0.AXkA-secret&state=abc123&session_state=s1')).toBe(
      '/signin-oidc?code=[redacted]&state=[redacted]&session_state=s1',
    );
  });

  it('blanks tokens in a query, absolute URLs included, and keeps the fragment', () => {
    expect(redactUrl('https://archive.example/cb?id_token=eyJ.x.y&x=1#top')).toBe(
      'https://archive.example/cb?id_token=[redacted]&x=1#top',
    );
    expect(redactUrl('/cb?access_token=a&refresh_token=r')).toBe(
      '/cb?access_token=[redacted]&refresh_token=[redacted]',
    );
  });

  it('recognizes a parameter name written with percent escapes, as the server reads it', () => {
    expect(redactUrl('/cb?id%5Ftoken=eyJ&%63ode=c')).toBe('/cb?id%5Ftoken=[redacted]&%63ode=[redacted]');
  });

  it('leaves URLs without secret parameters unchanged', () => {
    for (const url of [
      '/api/instances',
      '/api/instances?limit=5&offset=0',
      '/x?codex=1&mystate=2',
      '/x?code',
    ])
      expect(redactUrl(url)).toBe(url);
  });

  it('redacts a parsed query into a copy', () => {
    const query = { code: 'c', state: 's', limit: '5' };
    expect(redactQuery(query)).toEqual({ code: '[redacted]', state: '[redacted]', limit: '5' });
    expect(query.code).toBe('c');
  });
});

describe('the request log of a service', () => {
  let server: Server;
  const lines: string[] = [];

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const log = pinoHttp(httpLogOptions('test-service', 'info'), stream);
    // Express parses `req.query` before the logger sees it; the test server does the same.
    server = createServer((req, res) => {
      const parsed = new URL(req.url ?? '/', 'http://localhost');
      Object.assign(req, { query: Object.fromEntries(parsed.searchParams) });
      log(req, res);
      res.setHeader('location', 'https://login.example/authorize?client_id=app&state=st-123&nonce=n');
      res.statusCode = 302;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('holds no code, state or id_token of a callback URL, in the URL, the query or the redirect', async () => {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(
      `http://127.0.0.1:${port}/signin-oidc?code=one-time-code-42&state=state-77&id_token=eyJhbGciOi.x.y&alias=acme`,
      { redirect: 'manual' },
    );
    expect(response.status).toBe(302);
    await waitFor(() => lines.some((line) => line.includes('request completed')));
    const logged = lines.join('\n');
    for (const secret of ['one-time-code-42', 'state-77', 'eyJhbGciOi', 'st-123']) {
      expect(logged).not.toContain(secret);
    }
    const entry = JSON.parse(lines.find((line) => line.includes('request completed')) ?? '{}') as {
      req: { url: string; query: Record<string, string> };
      res: { headers: Record<string, string> };
    };
    expect(entry.req.url).toBe(
      '/signin-oidc?code=[redacted]&state=[redacted]&id_token=[redacted]&alias=acme',
    );
    expect(entry.req.query).toEqual({
      code: '[redacted]',
      state: '[redacted]',
      id_token: '[redacted]',
      alias: 'acme',
    });
    expect(entry.res.headers['location']).toBe(
      'https://login.example/authorize?client_id=app&state=[redacted]&nonce=n',
    );
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the request was not logged in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
