import type * as Graph from '@microsoft/microsoft-graph-types';
import { randomUUID, X509Certificate } from 'node:crypto';
import { invalidValue, isGuid } from './body-checks';

const RESOURCE = 'KeyCredential';

function certificateFrom(key: unknown, index: number): X509Certificate {
  if (typeof key !== 'string' || !/^[A-Za-z0-9+/=\s]+$/.test(key)) {
    invalidValue(
      `keyCredentials[${index}].key`,
      RESOURCE,
      'expected the base64 encoding of an X.509 certificate (the .cer file, DER).',
    );
  }
  try {
    return new X509Certificate(Buffer.from(key, 'base64'));
  } catch {
    return invalidValue(
      `keyCredentials[${index}].key`,
      RESOURCE,
      'the value is base64 but not an X.509 certificate. Upload the public certificate, never a private key.',
    );
  }
}

function isoOrUndefined(value: unknown, property: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
    invalidValue(property, RESOURCE, 'expected an ISO 8601 date and time.');
  return new Date(value).toISOString();
}

/**
 * The new `keyCredentials` of an application: PATCH replaces the whole list (to add a certificate,
 * read the list with `$select=keyCredentials`, append, write it back). An entry may leave out `key`
 * only when its `keyId` names a certificate already on the application. Dates and the thumbprint
 * (`customKeyIdentifier`) come from the certificate itself.
 */
export function replaceKeyCredentials(
  value: unknown,
  existing: readonly Graph.KeyCredential[],
): Graph.KeyCredential[] {
  if (!Array.isArray(value))
    invalidValue('keyCredentials', 'application', 'expected an array of keyCredential objects.');
  const keyIds = new Set<string>();
  return value.map((entry: unknown, index): Graph.KeyCredential => {
    if (typeof entry !== 'object' || entry === null)
      invalidValue(`keyCredentials[${index}]`, RESOURCE, 'expected an object.');
    const credential = entry as Record<string, unknown>;
    if (credential['type'] !== 'AsymmetricX509Cert') {
      invalidValue(
        `keyCredentials[${index}].type`,
        RESOURCE,
        "expected 'AsymmetricX509Cert' (certificates are the only key type an app can upload).",
      );
    }
    if (credential['usage'] !== 'Verify')
      invalidValue(
        `keyCredentials[${index}].usage`,
        RESOURCE,
        "expected 'Verify' for a certificate used to sign client assertions.",
      );
    const keyId =
      credential['keyId'] === undefined || credential['keyId'] === null ? randomUUID() : credential['keyId'];
    if (!isGuid(keyId)) invalidValue(`keyCredentials[${index}].keyId`, RESOURCE, 'expected a GUID.');
    if (keyIds.has(keyId.toLowerCase()))
      invalidValue(`keyCredentials[${index}].keyId`, RESOURCE, `keyId ${keyId} appears twice.`);
    keyIds.add(keyId.toLowerCase());

    const previous = existing.find((candidate) => candidate.keyId?.toLowerCase() === keyId.toLowerCase());
    const key = credential['key'] ?? previous?.key;
    if (key === undefined || key === null) {
      invalidValue(
        `keyCredentials[${index}].key`,
        RESOURCE,
        'a new key credential needs the base64-encoded certificate in key.',
      );
    }
    const certificate = certificateFrom(key, index);
    const validFrom = new Date(certificate.validFrom).toISOString();
    const validTo = new Date(certificate.validTo).toISOString();
    const start =
      isoOrUndefined(credential['startDateTime'], `keyCredentials[${index}].startDateTime`) ?? validFrom;
    const end = isoOrUndefined(credential['endDateTime'], `keyCredentials[${index}].endDateTime`) ?? validTo;
    // A credential already on the application (written back after a read) keeps the dates it has;
    // a new one must lie within its certificate's validity.
    const outsideValidity = previous ? end <= start : start < validFrom || end > validTo || end <= start;
    if (outsideValidity) {
      invalidValue(
        `keyCredentials[${index}].endDateTime`,
        RESOURCE,
        `the dates must lie within the certificate's validity (${validFrom} to ${validTo}).`,
      );
    }
    const thumbprint = Buffer.from(certificate.fingerprint.replace(/:/g, ''), 'hex');
    const displayName =
      typeof credential['displayName'] === 'string'
        ? credential['displayName']
        : certificate.subject.split('\n')[0];
    return {
      customKeyIdentifier: thumbprint.toString('base64'),
      displayName,
      endDateTime: end,
      key: certificate.raw.toString('base64'),
      keyId: keyId.toLowerCase(),
      startDateTime: start,
      type: 'AsymmetricX509Cert',
      usage: 'Verify',
    };
  });
}

/** Graph returns `key` only when `keyCredentials` is explicitly selected. */
export function withoutKeys(
  credentials: readonly Graph.KeyCredential[] | null | undefined,
): Graph.KeyCredential[] {
  return (credentials ?? []).map((credential) => ({ ...credential, key: null }));
}
