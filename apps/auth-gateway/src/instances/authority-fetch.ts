import { readFileSync } from 'node:fs';
import { trustingRootsAnd } from '@archive365/service-kit';
import { Agent } from 'undici';

/**
 * fetch for Microsoft's endpoints (discovery, keys, token). With `caFile` (the emulator's local CA in
 * development) it trusts that CA on top of the public roots, for these requests only.
 *
 * The request goes through undici's plain `request` and its answer, read whole, becomes a `Response`:
 * the WHATWG fetch machinery (request and response streams, header guards, CORS bookkeeping) cost a
 * code-flow sign-in more CPU than its token request itself. Nothing here needs what it adds: redirects
 * are not followed (the callers ask for `manual`), and no compression is asked for.
 */
export function authorityFetch(caFile: string | undefined): { fetch: typeof fetch; close(): Promise<void> } {
  const dispatcher = new Agent({
    connect: caFile ? { secureContext: trustingRootsAnd(readFileSync(caFile, 'utf8')) } : {},
    keepAliveTimeout: 30_000,
    connections: 64,
  });
  const plainFetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    const headers = Object.fromEntries(new Headers(init.headers));
    if (init.body instanceof URLSearchParams) {
      headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8';
    }
    const answer = await dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: (init.method ?? 'GET') as 'GET',
      headers,
      body: init.body instanceof URLSearchParams ? init.body.toString() : (init.body as string | undefined),
      signal: init.signal ?? undefined,
    });
    const body = await answer.body.arrayBuffer();
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      for (const one of Array.isArray(value) ? value : [value ?? '']) responseHeaders.append(name, one);
    }
    const empty = answer.statusCode === 204 || answer.statusCode === 304;
    return new Response(empty ? null : body, { status: answer.statusCode, headers: responseHeaders });
  };
  return { fetch: plainFetch as typeof fetch, close: () => dispatcher.close() };
}
