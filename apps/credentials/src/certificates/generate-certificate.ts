import { CredentialsError, CredentialsErrorCode } from '../errors';
import { createPrivateKey, generateKeyPair, randomBytes, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { inspectCertificateWithKey } from './certificate-inspection';
import { RSA_KEY_SIZES, type CertificateMaterial, type RsaKeySize } from './certificate-material';
import { commonNameFromCredentialName } from './common-name';

export const DEFAULT_KEY_SIZE: RsaKeySize = 2048;
export const DEFAULT_VALIDITY_MONTHS = 15;
export const MIN_VALIDITY_MONTHS = 1;
export const MAX_VALIDITY_MONTHS = 36;
/** Start a little in the past so a token endpoint whose clock runs behind ours accepts the certificate. */
export const CLOCK_SKEW_ALLOWANCE_MS = 5 * 60 * 1000;

export interface GenerateCertificateOptions {
  /** The credential name; it becomes the subject CN. */
  readonly commonName: string;
  readonly keySize?: RsaKeySize;
  readonly validityMonths?: number;
  readonly now?: Date;
}

const generateRsaKeyPair = promisify(generateKeyPair);

/**
 * Creates a key pair and a self-signed certificate for app-only authentication against Entra ID
 * (https://learn.microsoft.com/entra/identity-platform/certificate-credentials). The key is made by
 * OpenSSL through Node (fast, off the event loop); node-forge only builds and signs the X.509 structure.
 */
export async function generateCertificate(options: GenerateCertificateOptions): Promise<CertificateMaterial> {
  const keySize = options.keySize ?? DEFAULT_KEY_SIZE;
  const validityMonths = options.validityMonths ?? DEFAULT_VALIDITY_MONTHS;
  assertParameters(keySize, validityMonths);
  const commonName = commonNameFromCredentialName(options.commonName);
  const now = options.now ?? new Date();

  const { privateKey } = await generateRsaKeyPair('rsa', { modulusLength: keySize, publicExponent: 0x10001 });
  const certificateDer = buildSelfSignedCertificate(
    privateKey,
    commonName,
    validityWindow(now, validityMonths),
  );
  return inspectCertificateWithKey(
    certificateDer,
    createPrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' })),
    now,
  );
}

function assertParameters(keySize: number, validityMonths: number): void {
  if (!(RSA_KEY_SIZES as readonly number[]).includes(keySize)) {
    throw new CredentialsError(
      CredentialsErrorCode.InvalidParameters,
      `Key size ${keySize} is not offered; choose one of ${RSA_KEY_SIZES.join(', ')} bits.`,
    );
  }
  if (
    !Number.isInteger(validityMonths) ||
    validityMonths < MIN_VALIDITY_MONTHS ||
    validityMonths > MAX_VALIDITY_MONTHS
  ) {
    throw new CredentialsError(
      CredentialsErrorCode.InvalidParameters,
      `Validity of ${validityMonths} months is not allowed; choose a whole number from ${MIN_VALIDITY_MONTHS} to ${MAX_VALIDITY_MONTHS}.`,
    );
  }
}

interface ValidityWindow {
  readonly notBefore: Date;
  readonly notAfter: Date;
}

function validityWindow(now: Date, months: number): ValidityWindow {
  // X.509 times have whole seconds; dropping the milliseconds keeps notAfter what we computed.
  const start = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const notAfter = new Date(start);
  notAfter.setUTCMonth(notAfter.getUTCMonth() + months);
  return { notBefore: new Date(start.getTime() - CLOCK_SKEW_ALLOWANCE_MS), notAfter };
}

/**
 * RFC 5280 section 4.1.2.2: the serial is a positive INTEGER of at most 20 octets, and CAs should make
 * it unpredictable. 16 random octets with the top bit cleared (positive) and the next one set (so the
 * DER encoding needs no leading zero octet and keeps its length).
 */
function randomPositiveSerialHex(): string {
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x40;
  return serial.toString('hex');
}

function buildSelfSignedCertificate(
  privateKey: KeyObject,
  commonName: string,
  validity: ValidityWindow,
): Buffer {
  const forgePrivateKey = forge.pki.privateKeyFromPem(
    privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  ) as forge.pki.rsa.PrivateKey;
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.setRsaPublicKey(forgePrivateKey.n, forgePrivateKey.e);
  certificate.serialNumber = randomPositiveSerialHex();
  certificate.validity.notBefore = validity.notBefore;
  certificate.validity.notAfter = validity.notAfter;
  // UTF8String (RFC 5280 4.1.2.6 "MUST use UTF8String" for new certificates) so any name survives.
  // (@types/node-forge types valueTagClass as an asn1.Class, but forge reads it as the asn1.Type tag.)
  const name = [
    { name: 'commonName', value: commonName, valueTagClass: forge.asn1.Type.UTF8 },
  ] as unknown as forge.pki.CertificateField[];
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', clientAuth: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  certificate.sign(forgePrivateKey, forge.md.sha256.create());
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), 'binary');
}

/** The certificate of a credential: its common name from the credential's name, the caller's options. */
export function newCertificateFor(
  credentialName: string,
  options: { keySize?: RsaKeySize; validityMonths?: number } = {},
): Promise<CertificateMaterial> {
  return generateCertificate({
    commonName: credentialName,
    keySize: options.keySize,
    validityMonths: options.validityMonths,
  });
}
