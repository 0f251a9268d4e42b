import forge from 'node-forge';
import { CredentialsError, CredentialsErrorCode } from '../errors';

/**
 * The most key-derivation iterations one import may ask for, all of a file's derivations together
 * (the MAC and every encrypted bag of a PFX; the PBKDF2 of an encrypted PKCS#8 key). Windows, OpenSSL
 * and Java export with 2,000 to 10,000 per derivation and two or three derivations. The parameters
 * are chosen by whoever made the file, and decoding runs them all, so the cap is what keeps a
 * hostile file from costing minutes of CPU (decoding also runs in a worker with a time limit).
 */
export const MAX_KDF_ITERATIONS_PER_IMPORT = 200_000;

/** scrypt (RFC 7914) as a PBES2 key-derivation function: its memory and CPU cost are the file's to choose. */
const SCRYPT_OID = '1.3.6.1.4.1.11591.4.11';

// Deep enough for a PFX (bags inside safe contents inside content infos), bounded against crafted nesting.
const MAX_DEPTH = 40;

/**
 * Refuses a PFX or an encrypted PKCS#8 key whose key derivations ask for more than
 * {@link MAX_KDF_ITERATIONS_PER_IMPORT} iterations in total, or for scrypt, before any of them runs.
 * Iteration counts stand in a SEQUENCE right after their salt (an OCTET STRING): macData (RFC 7292),
 * pbeParams and PBKDF2-params (RFC 8018). Safe contents nest as DER inside OCTET STRINGs, so those
 * are decoded and searched too.
 */
export function assertReasonableKdfWork(
  asn1: forge.asn1.Asn1,
  what: 'The PFX file' | 'The private key',
): void {
  const work = { iterations: 0, scrypt: false };
  measure(asn1, 0, work);
  if (work.scrypt) {
    throw new CredentialsError(
      CredentialsErrorCode.ImportTooExpensive,
      `${what} protects its key with scrypt, whose cost the file sets; export it again with PBKDF2 (the default of Windows and OpenSSL).`,
    );
  }
  if (work.iterations > MAX_KDF_ITERATIONS_PER_IMPORT) {
    throw new CredentialsError(
      CredentialsErrorCode.MalformedCertificate,
      `${what} asks for ${work.iterations} key-derivation iterations in total (at most ${MAX_KDF_ITERATIONS_PER_IMPORT} are accepted); export it again with standard settings.`,
    );
  }
}

/** The DER of a PEM block (`-----BEGIN ... -----`), decoded as ASN.1; undefined when it is not DER. */
export function asn1OfPemBlock(block: string): forge.asn1.Asn1 | undefined {
  const base64 = block
    .replace(/-----(BEGIN|END) [A-Z ]+-----/g, '')
    .replace(/^[A-Za-z-]+:.*$/gm, '')
    .replace(/\s+/g, '');
  return tryDecode(Buffer.from(base64, 'base64').toString('binary'), false);
}

function measure(node: forge.asn1.Asn1, depth: number, work: { iterations: number; scrypt: boolean }): void {
  if (depth > MAX_DEPTH) return;
  if (isUniversal(node, forge.asn1.Type.OID) && typeof node.value === 'string') {
    if (forge.asn1.derToOid(node.value) === SCRYPT_OID) work.scrypt = true;
    return;
  }
  if (isUniversal(node, forge.asn1.Type.OCTETSTRING) && typeof node.value === 'string') {
    const nested = tryDecode(node.value, true);
    if (nested) measure(nested, depth + 1, work);
    return;
  }
  if (!Array.isArray(node.value)) return;
  node.value.forEach((child, index) => {
    const previous = node.value[index - 1] as forge.asn1.Asn1 | undefined;
    if (
      isUniversal(child, forge.asn1.Type.INTEGER) &&
      previous &&
      isUniversal(previous, forge.asn1.Type.OCTETSTRING)
    ) {
      work.iterations = Math.min(Number.MAX_SAFE_INTEGER, work.iterations + integerValue(child));
    }
    measure(child, depth + 1, work);
  });
}

function tryDecode(bytes: string, constructedOnly: boolean): forge.asn1.Asn1 | undefined {
  if (bytes.length < 2 || (constructedOnly && (bytes.charCodeAt(0) & 0x20) === 0)) return undefined;
  try {
    // Strict DER: bytes that merely happen to start like a structure are not taken for one.
    return forge.asn1.fromDer(forge.util.createBuffer(bytes), true);
  } catch {
    return undefined;
  }
}

function isUniversal(node: forge.asn1.Asn1, type: number): boolean {
  return node.tagClass === forge.asn1.Class.UNIVERSAL && node.type === type;
}

function integerValue(node: forge.asn1.Asn1): number {
  const bytes = node.value as string;
  if (typeof bytes !== 'string') return 0;
  // Anything longer than 6 bytes is far beyond the limit already.
  return bytes.length > 6 ? Number.MAX_SAFE_INTEGER : forge.asn1.derToInteger(bytes);
}
