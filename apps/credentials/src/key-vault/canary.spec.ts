import { CredentialsError, CredentialsErrorCode } from '../errors';
import { randomBytes } from 'node:crypto';
import { createCanary, verifyCanary } from './canary';
import { MasterKeyRing } from './master-key-ring';

function thrown(action: () => unknown): CredentialsError {
  try {
    action();
  } catch (error) {
    if (error instanceof CredentialsError) return error;
    throw error;
  }
  throw new Error('expected a CredentialsError');
}

describe('master key canary', () => {
  const original = { id: 'k2025b', key: randomBytes(32) };
  const ring = new MasterKeyRing([original], 'k2025b');
  const canary = createCanary(ring);

  it('passes with the key the data was sealed with', () => {
    expect(verifyCanary(ring, canary)).toEqual({ masterKeyId: 'k2025b', needsRewrap: false });
  });

  it('passes after a new key became active, and asks for a rewrap', () => {
    const rotated = new MasterKeyRing([{ id: 'k2026a', key: randomBytes(32) }, original], 'k2026a');
    expect(verifyCanary(rotated, canary)).toEqual({ masterKeyId: 'k2025b', needsRewrap: true });
  });

  it('fails with a clear startup message when the key under the same id has another value', () => {
    const wrong = new MasterKeyRing([{ id: 'k2025b', key: randomBytes(32) }], 'k2025b');
    const error = thrown(() => verifyCanary(wrong, canary));
    expect(error.code).toBe(CredentialsErrorCode.MasterKeyMismatch);
    expect(error.masterKeyId).toBe('k2025b');
    expect(error.message).toBe(
      'The configured master key "k2025b" is not the key the stored credentials were sealed with. Restore the original value of "k2025b" (from the Secret it was created in), then restart; do not create a new key under the same id.',
    );
  });

  it('fails with a clear startup message when the sealing key is missing from the configuration', () => {
    const other = new MasterKeyRing([{ id: 'k2026a', key: randomBytes(32) }], 'k2026a');
    const error = thrown(() => verifyCanary(other, canary));
    expect(error.code).toBe(CredentialsErrorCode.UnknownMasterKey);
    expect(error.message).toContain('sealed with master key "k2025b", which is not configured. Add "k2025b"');
  });

  it('reports a damaged canary as a format error', () => {
    expect(thrown(() => verifyCanary(ring, 'garbage')).code).toBe(CredentialsErrorCode.SealedFormatInvalid);
  });
});
