import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';

/**
 * The public roots plus one extra CA (a private authority, or the emulator's in development), as one TLS
 * context for a client's connections (`secureContext` of `tls.connect`, an HTTPS agent or an undici
 * `Agent`'s `connect`). Given as `ca` instead, each new connection parses all the roots again: 8-15 ms of
 * CPU per connection on a small machine.
 */
export function trustingRootsAnd(caPem: string): SecureContext {
  return createSecureContext({ ca: [...rootCertificates, caPem] });
}
