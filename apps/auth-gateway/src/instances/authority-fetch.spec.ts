import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authorityFetch } from './authority-fetch';

describe('authorityFetch', () => {
  let server: Server;
  let base: string;
  let seen: { method?: string; url?: string; contentType?: string; body: string };
  const authority = authorityFetch(undefined);

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen = {
          method: request.method,
          url: request.url,
          contentType: request.headers['content-type'],
          body,
        };
        if (request.url === '/moved') {
          response.writeHead(302, { location: '/elsewhere' }).end();
        } else {
          response.setHeader('set-cookie', ['a=1', 'b=2']);
          response.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_grant"}');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await authority.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts a form as fetch would and answers with the status, headers and body', async () => {
    const response = await authority.fetch(`${base}/token?x=1`, {
      method: 'POST',
      headers: { accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'c 1' }),
    });
    expect(seen).toEqual({
      method: 'POST',
      url: '/token?x=1',
      contentType: 'application/x-www-form-urlencoded;charset=UTF-8',
      body: 'grant_type=authorization_code&code=c+1',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await response.json()).toEqual({ error: 'invalid_grant' });
  });

  it('does not follow a redirect', async () => {
    const response = await authority.fetch(`${base}/moved`, { redirect: 'manual' });
    expect(seen.url).toBe('/moved');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/elsewhere');
  });
});
