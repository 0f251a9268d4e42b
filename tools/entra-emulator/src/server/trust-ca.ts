import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import { Agent } from 'undici';

/**
 * Makes this Node process trust the emulator's CA for `https` and the global `fetch` alike, keeping the
 * system CAs (Node 24: `tls.setDefaultCACertificates`). Needed by clients that cannot be handed a
 * dispatcher, such as MSAL inside `@azure/identity`.
 */
export function trustEmulatorCaInProcess(caCertPem: string): void {
  const current = tls.getCACertificates('default');
  const fingerprint = new X509Certificate(caCertPem).fingerprint256;
  if (current.some((pem) => new X509Certificate(pem).fingerprint256 === fingerprint)) return;
  tls.setDefaultCACertificates([...current, caCertPem]);
}

/** An undici dispatcher trusting only the emulator's CA, for `fetchOptions: { dispatcher }` or openid-client's customFetch. */
export function emulatorDispatcher(caCertPem: string): Agent {
  return new Agent({ connect: { ca: caCertPem } });
}
