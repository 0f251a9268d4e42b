/** A small client of the admin API for the walk-through: every call prints what it did. */
export class AdminApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  private get auth(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }

  /** Calls the API; with `expected`, any other status stops the demo with the API's answer. */
  async call<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    expected?: number,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? this.auth : { ...this.auth, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = (text ? JSON.parse(text) : undefined) as T;
    console.log(`   ${method} ${path} -> ${response.status}`);
    if (expected !== undefined && response.status !== expected) {
      throw new Error(`${method} ${path} answered ${response.status}, expected ${expected}: ${text}`);
    }
    return { status: response.status, body: parsed };
  }

  /** Fetches a file the API serves as an attachment. */
  async download(path: string): Promise<{ fileName: string; bytes: Buffer }> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: this.auth });
    if (response.status !== 200)
      throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
    const fileName =
      /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'download';
    console.log(`   GET ${path} -> 200`);
    return { fileName, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  /** Waits until every service reports ready through `GET /api/health/all`. */
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
