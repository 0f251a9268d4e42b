import type { Narrator } from './narrator';

/**
 * A small client of the admin API for the walk-through: every call is printed. It authenticates as an
 * administrator would: first with the session cookie of the Microsoft sign-in, or with an API token.
 */
export class AdminApiClient {
  private credential: Record<string, string> = {};

  constructor(
    readonly baseUrl: string,
    private readonly narrator: Narrator,
  ) {}

  useSession(cookie: string): void {
    this.credential = { cookie };
  }

  useToken(token: string): void {
    this.credential = { authorization: `Bearer ${token}` };
  }

  /** Calls the API; with `expected`, any other status stops the demo with the API's answer. */
  async call<T>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    expected?: number,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers:
        body === undefined ? this.credential : { ...this.credential, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = (text ? JSON.parse(text) : undefined) as T;
    this.narrator.call(method, path, response.status);
    if (expected !== undefined && response.status !== expected) {
      throw new Error(`${method} ${path} answered ${response.status}, expected ${expected}: ${text}`);
    }
    return { status: response.status, body: parsed };
  }

  /** A read that must succeed. */
  get<T>(path: string): Promise<{ status: number; body: T }> {
    return this.call<T>('GET', path, undefined, 200);
  }

  /** A read repeated while waiting: not printed each time. */
  async poll<T>(path: string): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: this.credential });
    if (response.status !== 200)
      throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** Fetches a file the API serves as an attachment. */
  async download(path: string): Promise<{ fileName: string; bytes: Buffer }> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: this.credential });
    if (response.status !== 200)
      throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
    const fileName =
      /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'download';
    this.narrator.call('GET', path, 200);
    return { fileName, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  /** Reads a Server-Sent Events stream until it ends, handing each event's data to `onEvent`. */
  async events(path: string, onEvent: (event: string, data: unknown) => void): Promise<void> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      headers: { ...this.credential, accept: 'text/event-stream' },
    });
    if (response.status !== 200 || !response.body)
      throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (data !== undefined) onEvent(event, JSON.parse(data));
      }
    }
  }

  /** Waits until every service reports ready through `GET /api/health/all` (public). */
  async waitUntilHealthy(timeoutMs: number): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown = 'no answer yet';
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`${this.baseUrl}/api/health/all`);
        last = await response.json();
        if (response.status === 200) return last;
      } catch (error) {
        last = error instanceof Error ? error.message : String(error);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(
      `the platform did not become healthy within ${timeoutMs} ms; last answer: ${JSON.stringify(last)}`,
    );
  }
}
