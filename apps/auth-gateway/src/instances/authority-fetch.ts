import { readFileSync } from 'node:fs';
import { createSecureContext, rootCertificates } from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';

/**
 * fetch for Microsoft's endpoints (discovery, keys, token). With `caFile` (the emulator's local CA in
 * development) it trusts that CA on top of the public roots, for these requests only. That trust store is
 * built once: given as `ca`, every new connection would parse all the roots again (and free them).
 */
export function authorityFetch(caFile: string | undefined): { fetch: typeof fetch; close(): Promise<void> } {
  const dispatcher = new Agent({
    connect: caFile
      ? { secureContext: createSecureContext({ ca: [...rootCertificates, readFileSync(caFile, 'utf8')] }) }
      : {},
    keepAliveTimeout: 30_000,
    connections: 64,
  });
  // Node's bundled undici and the undici package declare the same types in different files.
  const trustingFetch = ((input: string | URL | Request, init?: RequestInit) =>
    undiciFetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as typeof fetch;
  return { fetch: trustingFetch, close: () => dispatcher.close() };
}
