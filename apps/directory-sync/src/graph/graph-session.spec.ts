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
