import { CredentialsError, CredentialsErrorCode } from '../errors';
import forge from 'node-forge';

/**
 * The most key-derivation iterations a PFX may ask for. Windows and OpenSSL export with 2,000 to
 * 10,000 (RFC 7292 and PKCS#5 parameters are chosen by whoever made the file); forge derives keys
 * synchronously, so a file asking for millions would stall the service for minutes.
 */
export const MAX_PFX_ITERATIONS = 1_000_000;

const MAX_DEPTH = 12;

/**
 * Refuses a PFX whose MAC or encryption parameters ask for more than {@link MAX_PFX_ITERATIONS}
 * iterations, before any of them runs. Iteration counts stand in a SEQUENCE right after their salt
 * (an OCTET STRING): macData (RFC 7292), pbeParams and PBKDF2-params (RFC 8018). Safe contents nest
 * as DER inside OCTET STRINGs, so those are decoded and searched too.
 */
export function assertReasonablePfxWork(asn1: forge.asn1.Asn1): void {
  const worst = largestIterationCount(asn1, 0);
  if (worst > MAX_PFX_ITERATIONS) {
    throw new CredentialsError(
      CredentialsErrorCode.MalformedCertificate,
      `The PFX file asks for ${worst} key-derivation iterations (at most ${MAX_PFX_ITERATIONS} are accepted); export it again with standard settings.`,
    );
  }
}

function largestIterationCount(node: forge.asn1.Asn1, depth: number): number {
  if (depth > MAX_DEPTH) return 0;
  if (
    node.tagClass === forge.asn1.Class.UNIVERSAL &&
    node.type === forge.asn1.Type.OCTETSTRING &&
    typeof node.value === 'string'
  ) {
    const nested = tryDecode(node.value);
    return nested ? largestIterationCount(nested, depth + 1) : 0;
  }
  if (!Array.isArray(node.value)) return 0;
  let largest = 0;
  node.value.forEach((child, index) => {
    const previous = node.value[index - 1] as forge.asn1.Asn1 | undefined;
    if (isInteger(child) && previous && isOctetString(previous)) {
      largest = Math.max(largest, integerValue(child));
    }
    largest = Math.max(largest, largestIterationCount(child, depth + 1));
  });
  return largest;
}

function tryDecode(bytes: string): forge.asn1.Asn1 | undefined {
  if (bytes.length < 2 || (bytes.charCodeAt(0) & 0x20) === 0) return undefined; // not a constructed type
  try {
    // Strict DER: bytes that merely happen to start like a structure are not taken for one.
    return forge.asn1.fromDer(forge.util.createBuffer(bytes), true);
  } catch {
    return undefined;
  }
}

function isInteger(node: forge.asn1.Asn1): boolean {
  return (
    node.tagClass === forge.asn1.Class.UNIVERSAL &&
    node.type === forge.asn1.Type.INTEGER &&
    typeof node.value === 'string'
  );
}

function isOctetString(node: forge.asn1.Asn1): boolean {
  return node.tagClass === forge.asn1.Class.UNIVERSAL && node.type === forge.asn1.Type.OCTETSTRING;
}

function integerValue(node: forge.asn1.Asn1): number {
  const bytes = node.value as string;
  // Anything longer than 6 bytes is far beyond the limit already.
  return bytes.length > 6 ? Number.MAX_SAFE_INTEGER : forge.asn1.derToInteger(bytes);
}
