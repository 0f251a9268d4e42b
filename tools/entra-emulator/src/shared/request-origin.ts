import type { Request } from 'express';

// RFC 7230 section 5.4 / RFC 3986 section 3.2.2: a host name (or bracketed IPv6 literal) and an optional port.
const HOST_HEADER = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * `https://{Host}` of the request. MSAL compares the issuer's host:port with its authority, so every
 * URL the emulator hands out is built from the Host the client used. A Host header that is not a plain
 * host[:port] is replaced by the local address, so it can never inject markup or another origin.
 */
export function requestOrigin(req: Request): string {
  const host = req.headers.host ?? '';
  if (HOST_HEADER.test(host)) return `https://${host.toLowerCase()}`;
  const port = req.socket.localPort;
  return `https://localhost${port ? `:${port}` : ''}`;
}
