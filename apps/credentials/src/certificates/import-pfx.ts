import { CredentialsError, CredentialsErrorCode } from '../errors';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { assertReasonablePfxWork } from './pfx-work-limit';

export interface PfxContents {
  readonly certificates: Buffer[];
  readonly privateKey: KeyObject;
}

const KEY_BAG_TYPES = [forge.pki.oids['pkcs8ShroudedKeyBag'], forge.pki.oids['keyBag']];

/** Opens a PKCS#12 (PFX/.p12) file, RFC 7292, and returns its certificates and its one private key. */
export function openPfx(pfx: Buffer, password: string): PfxContents {
  const container = decodeWithPassword(pfx, password);
  const keys = KEY_BAG_TYPES.flatMap((bagType) => container.getBags({ bagType })[bagType] ?? []);
  if (keys.length === 0) {
    throw new CredentialsError(
      CredentialsErrorCode.NoPrivateKey,
      'The PFX file holds no private key; export the certificate again with its private key ("Yes, export the private key").',
    );
  }
  if (keys.length > 1) {
    throw new CredentialsError(
      CredentialsErrorCode.MalformedPrivateKey,
      `The PFX file holds ${keys.length} private keys; export only the certificate this credential should use.`,
    );
  }
  const certificateBagType = forge.pki.oids['certBag'];
  const certificates = (container.getBags({ bagType: certificateBagType })[certificateBagType] ?? []).map(
    certificateDer,
  );
  return { certificates, privateKey: privateKeyOf(keys[0]) };
}

function decodeWithPassword(pfx: Buffer, password: string): forge.pkcs12.Pkcs12Pfx {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(pfx.toString('binary')));
  } catch {
    throw new CredentialsError(
      CredentialsErrorCode.MalformedCertificate,
      'The file is not a PFX/PKCS#12 file (it is not valid DER); upload the .pfx or .p12 file itself.',
    );
  }
  assertReasonablePfxWork(asn1);
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (error) {
    // forge reports a failed integrity check (RFC 7292 section 5) as "MAC could not be verified".
    if (error instanceof Error && /MAC could not be verified|Invalid password/i.test(error.message)) {
      throw new CredentialsError(
        CredentialsErrorCode.WrongPassword,
        'The PFX password is wrong; enter the password the file was exported with.',
      );
    }
    throw new CredentialsError(
      CredentialsErrorCode.MalformedCertificate,
      'The PFX file could not be read (unsupported or damaged PKCS#12 structure); export it again, or import the PEM certificate and key instead.',
    );
  }
}

function privateKeyOf(bag: forge.pkcs12.Bag): KeyObject {
  try {
    if (bag.key) {
      return createPrivateKey(forge.pki.privateKeyToPem(bag.key));
    }
    // forge decodes RSA keys only; other key types stay as ASN.1 PrivateKeyInfo, which Node can read
    // and our RSA check then refuses with a clear message.
    if (bag.asn1) {
      const der = Buffer.from(forge.asn1.toDer(bag.asn1).getBytes(), 'binary');
      return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    }
  } catch {
    // fall through to the error below
  }
  throw new CredentialsError(
    CredentialsErrorCode.MalformedPrivateKey,
    'The private key in the PFX file could not be read; export the file again.',
  );
}

function certificateDer(bag: forge.pkcs12.Bag): Buffer {
  if (bag.cert) {
    return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(bag.cert)).getBytes(), 'binary');
  }
  if (bag.asn1) {
    return Buffer.from(forge.asn1.toDer(bag.asn1).getBytes(), 'binary');
  }
  throw new CredentialsError(
    CredentialsErrorCode.MalformedCertificate,
    'A certificate in the PFX file could not be read; export the file again.',
  );
}
