import { CredentialsErrorCode } from '../errors';
import { COMMON_NAME_MAX_LENGTH, commonNameFromCredentialName } from './common-name';

describe('commonNameFromCredentialName', () => {
  it('collapses whitespace and removes control characters', () => {
    expect(commonNameFromCredentialName(' Contoso\tarchive\u2028 prod\u0085 ')).toBe('Contoso archive prod');
  });

  it('cuts at 64 code points without splitting a surrogate pair', () => {
    const name = `${'a'.repeat(COMMON_NAME_MAX_LENGTH - 1)}😀😀`;
    const commonName = commonNameFromCredentialName(name);
    expect(Array.from(commonName)).toHaveLength(COMMON_NAME_MAX_LENGTH);
    expect(commonName.endsWith('😀')).toBe(true);
  });

  it('normalises to NFC so the same name gives the same subject', () => {
    expect(commonNameFromCredentialName('Mu\u0308ller')).toBe('Müller');
  });

  it.each([[''], ['\u0000\u0001'], [42]])('rejects %p', (name) => {
    expect(() => commonNameFromCredentialName(name as string)).toThrow(
      expect.objectContaining({ code: CredentialsErrorCode.InvalidParameters }),
    );
  });
});
