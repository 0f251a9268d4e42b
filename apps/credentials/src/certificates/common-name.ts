import { CredentialsError, CredentialsErrorCode } from '../errors';

/** RFC 5280 appendix A.1: ub-common-name is 64 characters. */
export const COMMON_NAME_MAX_LENGTH = 64;

// C0/C1 control characters, and the Unicode line and paragraph separators: they have no place in a
// display name and would make the subject ambiguous when printed.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Turns a credential name into a certificate common name. The CN is written as an ASN.1 UTF8String,
 * so no RFC 4514 escaping is needed inside the certificate; what must go are control characters
 * (which break every printed form of the DN) and anything beyond the RFC 5280 length limit.
 */
export function commonNameFromCredentialName(name: string): string {
  if (typeof name !== 'string') {
    throw new CredentialsError(CredentialsErrorCode.InvalidParameters, 'The credential name must be text.');
  }
  const cleaned = name.normalize('NFC').replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
  if (cleaned.length === 0) {
    throw new CredentialsError(
      CredentialsErrorCode.InvalidParameters,
      'The credential name is empty once control characters and surrounding spaces are removed; give the credential a readable name.',
    );
  }
  // Array.from counts code points, so a surrogate pair is never cut in half.
  return Array.from(cleaned).slice(0, COMMON_NAME_MAX_LENGTH).join('').trimEnd();
}
