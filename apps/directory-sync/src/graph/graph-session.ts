import {
  AuthenticationHandler,
  Client,
  GraphError,
  HTTPMessageHandler,
  ResponseType,
  type FetchOptions,
} from '@microsoft/microsoft-graph-client';
import { DirectoryReadError } from './directory-read.error';
import type { ResourceBudget } from './resource-budget';
import { retryDelayMs } from './retry-delay';
import type { TokenSource } from './token-source';

export interface GraphSessionOptions {
  baseUrl: string;
  fetchOptions?: FetchOptions;
  maxRetries: number;
  maxBackoffMs: number;
  /** Budget key: the app and tenant (Graph throttles per app per tenant). */
  budgetKey: string;
  budget: ResourceBudget;
  tokens: TokenSource;
  /** True once the run should stop (service shutting down). */
  stopped: () => boolean;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * One run's Graph client: the unmodified Microsoft Graph client with our own retry policy in place of
 * its RetryHandler (Retry-After, jittered backoff, a bounded number of attempts, a resource-unit budget),
 * so that a request that cannot be completed surfaces as an incomplete read, never as a silent gap.
 */
export class GraphSession {
  private readonly client: Client;
  private readonly sleep: (ms: number) => Promise<void>;
  /**
   * The Graph client wraps a failed token in a GraphError without status, keeping only the error's name
   * as its code: the token source's own error is kept here so that a refusal is not taken for a cut.
   */
  private tokenFailure: DirectoryReadError | undefined;

  constructor(private readonly options: GraphSessionOptions) {
    const auth = new AuthenticationHandler({
      getAccessToken: () =>
        options.tokens.token().catch((error: unknown) => {
          if (error instanceof DirectoryReadError) this.tokenFailure = error;
          throw error;
        }),
    });
    auth.setNext(new HTTPMessageHandler());
    this.client = Client.initWithMiddleware({
      baseUrl: options.baseUrl,
      middleware: auth,
      customHosts: new Set([new URL(options.baseUrl).hostname]),
      fetchOptions: options.fetchOptions,
    });
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** The tenant the session reads (its tokens' tenant). */
  tenantId(): Promise<string> {
    return this.options.tokens.tenantId();
  }

  /** GET a Graph path (`/users?...`) or a full `@odata.nextLink`/`deltaLink`, `cost` resource units. */
  async get<T>(pathOrUrl: string, cost: number, headers: Record<string, string> = {}): Promise<T> {
    return this.attempts(cost, async () => (await this.client.api(pathOrUrl).headers(headers).get()) as T);
  }

  /**
   * Like `get`, the body as bytes, not parsed: the caller can look for the next page's link before it
   * parses this one. `arriving` is shown the start of the body while the rest is still on its way (up
   * to WATCHED_BYTES, until it answers true): Graph names the next page before the page's values, so the
   * next request can go out while this page is still coming in. A refusal is the same GraphError `get`
   * throws (status, code, headers).
   */
  async getBytes(pathOrUrl: string, cost: number, arriving?: (start: Buffer) => boolean): Promise<Buffer> {
    return this.attempts(cost, async () => {
      const response = (await this.client.api(pathOrUrl).responseType(ResponseType.RAW).get()) as Response;
      if (!response.ok) throw await refusal(response);
      if (!arriving || !response.body) return Buffer.from(await response.arrayBuffer());
      return watchedBody(response.body, arriving);
    });
  }

  private async attempts<T>(cost: number, once: () => Promise<T>): Promise<T> {
    const { maxRetries, maxBackoffMs, budget, budgetKey } = this.options;
    let lastProblem = '';
    let tokenFailure: DirectoryReadError | undefined;
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      if (this.options.stopped()) throw new DirectoryReadError('interrupted', 'the service is stopping');
      await budget.spend(budgetKey, cost);
      try {
        return await once();
      } catch (error) {
        tokenFailure =
          error instanceof GraphError && error.code === 'DirectoryReadError' ? this.tokenFailure : undefined;
        // A refusal such as AADSTS700027 stays until an administrator acts: fail now, with its fix.
        if (tokenFailure?.options.permanent) throw tokenFailure;
        const outcome: Outcome = tokenFailure
          ? { kind: 'retry', problem: tokenFailure.message }
          : classify(error);
        if (outcome.kind === 'final') throw outcome.error;
        if (outcome.kind === 'token') this.options.tokens.forget();
        lastProblem = outcome.problem;
        if (attempt === maxRetries) break;
        await this.sleep(retryDelayMs(attempt, outcome.retryAfter, maxBackoffMs));
      }
    }
    if (tokenFailure) throw tokenFailure;
    throw new DirectoryReadError(
      lastProblem.startsWith('429') ? 'throttled' : 'unavailable',
      `Graph did not answer after ${maxRetries + 1} attempts (${lastProblem}); the read is incomplete`,
    );
  }
}

/** How much of a body `getBytes` shows as it arrives: a page's link comes within its first few hundred bytes. */
const WATCHED_BYTES = 64 * 1024;

/**
 * A body read chunk by chunk, its start shown to `arriving` after each chunk until it answers true or
 * WATCHED_BYTES have come. A connection cut mid-body fails the read of the body, as `arrayBuffer` would.
 */
async function watchedBody(
  body: ReadableStream<Uint8Array>,
  arriving: (start: Buffer) => boolean,
): Promise<Buffer> {
  const reader = body.getReader();
  const chunks: Buffer[] = [];
  let length = 0;
  let watching = true;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    const chunk = read.value;
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    length += chunk.byteLength;
    if (watching) watching = !arriving(Buffer.concat(chunks, length)) && length < WATCHED_BYTES;
  }
  return Buffer.concat(chunks, length);
}

/** The GraphError the client makes of a refusal with a Graph error body. */
async function refusal(response: Response): Promise<GraphError> {
  const body = (await response.json().catch(() => undefined)) as
    { error?: { code?: string; message?: string } } | undefined;
  const error = new GraphError(response.status, body?.error?.message ?? response.statusText);
  error.code = body?.error?.code ?? null;
  error.headers = response.headers;
  error.body = body === undefined ? null : JSON.stringify(body.error ?? body);
  return error;
}

type Outcome =
  | { kind: 'retry'; problem: string; retryAfter?: string | null }
  | { kind: 'token'; problem: string; retryAfter?: null }
  | { kind: 'final'; error: DirectoryReadError };

function classify(error: unknown): Outcome {
  if (error instanceof DirectoryReadError) return { kind: 'final', error };
  // No status, or a success status whose body could not be read whole: the connection was cut mid-page.
  if (!(error instanceof GraphError) || error.statusCode <= 0 || error.statusCode < 400) {
    // A cut connection or a page that is not JSON: transient, try the same page again.
    return { kind: 'retry', problem: 'connection cut or unreadable page' };
  }
  const status = error.statusCode;
  const code = error.code ?? '';
  if (status === 429 || status >= 500) {
    return {
      kind: 'retry',
      problem: `${status} ${code}`.trim(),
      retryAfter: error.headers?.get('Retry-After'),
    };
  }
  if (status === 410 || code === 'syncStateNotFound' || code === 'resyncRequired') {
    return {
      kind: 'final',
      error: new DirectoryReadError('delta-expired', `the delta link was refused (${status} ${code})`),
    };
  }
  if (status === 401) return { kind: 'token', problem: '401 (token refused; a new one is fetched)' };
  if (status === 403) {
    return {
      kind: 'final',
      error: new DirectoryReadError(
        'denied',
        `Graph refused the read (403 ${code}): grant the app User.Read.All and GroupMember.Read.All (or Directory.Read.All) with admin consent`,
      ),
    };
  }
  if (status === 404) {
    return {
      kind: 'final',
      error: new DirectoryReadError('not-found', `Graph answered 404 ${code}: ${error.message}`),
    };
  }
  return {
    kind: 'final',
    error: new DirectoryReadError('unavailable', `Graph answered ${status} ${code}: ${error.message}`),
  };
}
