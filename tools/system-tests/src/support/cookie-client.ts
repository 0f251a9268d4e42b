import { Agent, fetch as undiciFetch } from 'undici';

/**
 * What a browser does with cookies and redirects, for HTTP-level tests: keeps cookies by name (the
 * gateway's are `__Host-` cookies on one host), never follows redirects by itself.
 */
export class CookieClient {
  readonly cookies = new Map<string, string>();
  private readonly dispatcher: Agent;

  constructor(trustedCaPems: string[]) {
    this.dispatcher = new Agent({ connect: { ca: trustedCaPems } });
  }

  async request(
    url: string,
    init: {
      method?: string;
      form?: Record<string, string>;
      headers?: Record<string, string>;
      json?: unknown;
      /** A body as it is (with a content-type in `headers`), for requests `form` cannot express. */
      body?: string;
    } = {},
  ) {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size > 0) {
      headers['cookie'] = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    let body = init.body;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    } else if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const response = await undiciFetch(url, {
      method: init.method ?? 'GET',
      headers,
      body,
      redirect: 'manual',
      dispatcher: this.dispatcher,
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair.split('=');
      const expired = attributes.some((attribute) =>
        /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(attribute),
      );
      if (expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('=').trim());
    }
    return {
      status: response.status,
      headers: response.headers,
      location: response.headers.get('location') ?? undefined,
      text: await response.text(),
    };
  }

  /** A fetch for libraries that take one (the emulator's scripted sign-in). */
  get fetch(): typeof fetch {
    return ((input: string | URL, init?: RequestInit) =>
      undiciFetch(input, {
        ...(init as object),
        dispatcher: this.dispatcher,
      } as never)) as unknown as typeof fetch;
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}
