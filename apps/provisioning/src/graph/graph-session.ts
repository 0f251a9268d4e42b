import type { TokenCredential } from '@azure/identity';
import { TOKEN_RESOURCES } from '@archive365/contracts';
import { Client, GraphError, type FetchOptions } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';

export const GRAPH_DEFAULT_SCOPE = TOKEN_RESOURCES.graph;

/** A Graph answer other than success: the status and Microsoft's error code, kept for plain words. */
export class GraphCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly method: string,
    readonly path: string,
  ) {
    super(`${method} ${path}: ${status} ${code}: ${message}`);
    this.name = 'GraphCallError';
  }

  static is(error: unknown, status: number): error is GraphCallError {
    return error instanceof GraphCallError && error.status === status;
  }
}

export interface GraphQuery {
  select?: string[];
  filter?: string;
  top?: number;
}

/**
 * Microsoft Graph v1.0 through the official client, for one token source, counting the writes it
 * makes (a correct setup re-run must make none).
 */
export class GraphSession {
  private readonly client: Client;
  writes = 0;

  constructor(credential: TokenCredential, scopes: string[], baseUrl: string, fetchOptions: FetchOptions) {
    this.client = Client.initWithMiddleware({
      authProvider: new TokenCredentialAuthenticationProvider(credential, { scopes }),
      baseUrl: baseUrl.replace(/\/+$/, '') + '/',
      // The token goes only to hosts listed here (host name only): Graph's, or the emulator's.
      customHosts: new Set([new URL(baseUrl).hostname]),
      fetchOptions,
    });
  }

  async get<T>(path: string, query: GraphQuery = {}): Promise<T> {
    let request = this.client.api(path);
    if (query.select) request = request.select(query.select);
    if (query.filter) request = request.filter(query.filter);
    if (query.top) request = request.top(query.top);
    return this.call('GET', path, () => request.get() as Promise<T>);
  }

  /** GET that answers undefined for 404 (an object that does not exist yet). */
  async find<T>(path: string, query: GraphQuery = {}): Promise<T | undefined> {
    try {
      return await this.get<T>(path, query);
    } catch (error) {
      if (GraphCallError.is(error, 404)) return undefined;
      throw error;
    }
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    this.writes++;
    return this.call('POST', path, () => this.client.api(path).post(body) as Promise<T>);
  }

  async patch(path: string, body: unknown): Promise<void> {
    this.writes++;
    await this.call('PATCH', path, () => this.client.api(path).patch(body) as Promise<unknown>);
  }

  async delete(path: string): Promise<void> {
    this.writes++;
    await this.call('DELETE', path, () => this.client.api(path).delete() as Promise<unknown>);
  }

  private async call<T>(method: string, path: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof GraphError) {
        throw new GraphCallError(error.statusCode, error.code ?? 'unknown', error.message, method, path);
      }
      throw error;
    }
  }
}
