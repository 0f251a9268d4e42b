import { randomUUID } from 'node:crypto';
import type { KeyCredential } from '@microsoft/microsoft-graph-types';
import type { PublicCertificate } from './certificate-material';

/** Graph keeps at most 90 characters of a key credential's display name and shortens longer ones. */
export const KEY_CREDENTIAL_DISPLAY_NAME_MAX_LENGTH = 90;

/**
 * The `keyCredential` entry that registers our certificate on an application
 * (https://learn.microsoft.com/graph/api/resources/keycredential). PATCHing `keyCredentials` replaces
 * the whole list, so the caller appends this to the list it read. Edm.Binary values travel as base64:
 * `key` is the DER certificate and `customKeyIdentifier` the raw SHA-1 thumbprint, which is what Graph
 * itself fills in when the identifier is left out and what the portal shows in hex.
 */
export function toGraphKeyCredential(
  certificate: PublicCertificate,
  displayName: string,
  keyId: string = randomUUID(),
): KeyCredential {
  return {
    type: 'AsymmetricX509Cert',
    usage: 'Verify',
    key: certificate.certificateDer.toString('base64'),
    customKeyIdentifier: Buffer.from(certificate.thumbprintSha1, 'hex').toString('base64'),
    keyId,
    displayName: Array.from(displayName).slice(0, KEY_CREDENTIAL_DISPLAY_NAME_MAX_LENGTH).join(''),
    startDateTime: certificate.notBefore.toISOString(),
    endDateTime: certificate.notAfter.toISOString(),
  };
}
