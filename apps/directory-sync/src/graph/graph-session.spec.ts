import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCode } from '@archive365/contracts';
import { RpcCallError, type RpcClient } from '@archive365/messaging';
import { failureCode } from '../runs/sync-metrics';
import { DirectoryReadError } from './directory-read.error';
import { GraphSession } from './graph-session';
import { ResourceBudget } from './resource-budget';
import { TokenSource } from './token-source';

/** A token source whose credentials service answers every AcquireToken with `refusal`. */
function refusingTokens(refusal: Error): { tokens: TokenSource; asked: () => number } {
  let asked = 0;
  const rpc = {
    send: async () => {
      asked++;
      throw refusal;
    },
  } as unknown as RpcClient;
  return { tokens: new TokenSource(rpc, 'credential-1'), asked: () => asked };
}

function session(tokens: TokenSource, sleeps: number[]): GraphSession {
  return new GraphSession({
    // Never reached: the token is asked for before any request leaves.
    baseUrl: 'https://graph.invalid',
    maxRetries: 6,
    maxBackoffMs: 20_000,
    budgetKey: 'credential-1',
    budget: new ResourceBudget(1_000_000),
    tokens,
    stopped: () => false,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
}

describe('GraphSession and a token that cannot be had', () => {
  it('fails at once as no-token, with the AADSTS code and its fix, when Entra ID refuses the assertion', async () => {
    const { tokens, asked } = refusingTokens(
      new RpcCallError('credentials.acquire-token', {
        code: ErrorCode.DependencyFailed,
        message: 'Entra ID does not know the certificate the token request was signed with.',
        reason: 'AADSTS700027',
        hint: 'Upload the certificate (download it as .cer from this credential) to the app registration.',
      }),
    );
    const sleeps: number[] = [];
    const failure = await session(tokens, sleeps)
      .get('/users', 1)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DirectoryReadError);
    expect(failureCode(failure, false)).toBe('DIRECTORY_NO_TOKEN');
    expect((failure as Error).message).toMatch(/AADSTS700027.*to fix: Upload the certificate/);
    expect((failure as Error).message).not.toMatch(/connection cut/);
    expect(asked()).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('retries a token failure that can pass (throttled), then still names it no-token', async () => {
    const { tokens, asked } = refusingTokens(
      new RpcCallError('credentials.acquire-token', {
        code: ErrorCode.DependencyFailed,
        message: 'Entra ID throttled the token request.',
        reason: 'AADSTS50196',
        hint: 'Wait and retry.',
      }),
    );
    const sleeps: number[] = [];
    const failure = await session(tokens, sleeps)
      .get('/users', 1)
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ failure: 'no-token' });
    expect((failure as Error).message).toMatch(/AADSTS50196/);
    expect(asked()).toBe(7);
    expect(sleeps).toHaveLength(6);
  });
});

describe('GraphSession.getBytes', () => {
  type Answer = (response: ServerResponse) => void;
  const answers: Answer[] = [];
  const asked: string[] = [];
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      asked.push(request.url ?? '');
      (answers.shift() ?? ((r: ServerResponse) => r.writeHead(500).end()))(response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    answers.length = 0;
    asked.length = 0;
  });

  const json = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => {
    return (response) => {
      response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };
  };
  const sessionAt = (sleeps: number[]) => {
    const rpc = {
      send: async () => ({
        accessToken: 'token-1',
        expiresOn: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    } as unknown as RpcClient;
    return new GraphSession({
      baseUrl,
      maxRetries: 6,
      maxBackoffMs: 20_000,
      budgetKey: 'credential-1',
      budget: new ResourceBudget(1_000_000),
      tokens: new TokenSource(rpc, 'credential-1'),
      stopped: () => false,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
  };

  it('answers the body as it came, after waiting out the Retry-After of a 429', async () => {
    answers.push(
      json(429, { error: { code: 'TooManyRequests', message: 'slow down' } }, { 'Retry-After': '3' }),
    );
    answers.push(json(200, { value: [{ displayName: 'Zoë' }] }));
    const sleeps: number[] = [];
    const bytes = await sessionAt(sleeps).getBytes('/users?$top=2', 1);
    expect(JSON.parse(bytes.toString('utf8'))).toEqual({ value: [{ displayName: 'Zoë' }] });
    expect(sleeps).toEqual([3000]);
    expect(asked).toEqual(['/v1.0/users?$top=2', '/v1.0/users?$top=2']);
  });

  it('shows the start of a body while the rest is still on its way', async () => {
    const body = JSON.stringify({
      '@odata.nextLink': 'https://graph.example/2',
      value: ['x'.repeat(200_000)],
    });
    let rest: (() => void) | undefined;
    answers.push((response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write(body.slice(0, 100));
      // The rest once the start has been seen, or after two seconds (and then the test fails).
      const later = setTimeout(() => rest?.(), 2000);
      rest = () => {
        clearTimeout(later);
        rest = undefined;
        response.end(body.slice(100));
      };
    });
    const starts: string[] = [];
    const bytes = await sessionAt([]).getBytes('/users', 1, (start) => {
      starts.push(start.toString('utf8'));
      if (!start.includes('"value"')) return false;
      rest?.();
      return true;
    });
    expect(bytes.toString('utf8')).toBe(body);
    expect(starts).toEqual([body.slice(0, 100)]);
  });

  it('asks again for a body cut after its start was seen, and shows the start again', async () => {
    const body = JSON.stringify({ value: [{ displayName: 'Zoë' }] });
    answers.push((response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
      response.write(body.slice(0, 10), () => response.destroy());
    });
    answers.push(json(200, JSON.parse(body)));
    const starts: string[] = [];
    const sleeps: number[] = [];
    const bytes = await sessionAt(sleeps).getBytes('/users', 1, (start) => {
      starts.push(start.toString('utf8'));
      return true;
    });
    expect(bytes.toString('utf8')).toBe(body);
    expect(starts).toEqual([body.slice(0, 10), body]);
    expect(sleeps).toHaveLength(1);
  });

  it('names a refusal by its status and code, as get does: a 403 fails at once as denied', async () => {
    answers.push(
      json(403, { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' } }),
    );
    const sleeps: number[] = [];
    const failure = await sessionAt(sleeps)
      .getBytes('/users', 1)
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ failure: 'denied' });
    expect((failure as Error).message).toMatch(/403 Authorization_RequestDenied/);
    expect(sleeps).toEqual([]);
  });
});
