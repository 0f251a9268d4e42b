import { CredentialsError, CredentialsErrorCode } from '../errors';
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { MasterKeyRing } from './master-key-ring';
import { parseSealedSecret, serializeSealedSecret, type SealedSecret } from './sealed-secret';

const PRIVATE_KEY =
  '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC...\n-----END PRIVATE KEY-----\n';

function thrown(action: () => unknown): CredentialsError {
  try {
    action();
  } catch (error) {
    if (error instanceof CredentialsError) return error;
    throw error;
  }
  throw new Error('expected a CredentialsError');
}

function flipByte(buffer: Buffer, index: number): Buffer {
  const copy = Buffer.from(buffer);
  copy[index] ^= 0x01;
  return copy;
}

describe('MasterKeyRing', () => {
  const oldKey = { id: 'k2025b', key: randomBytes(32) };
  const newKey = { id: 'k2026a', key: randomBytes(32) };
  const ring = new MasterKeyRing([oldKey], 'k2025b');
  const rotated = new MasterKeyRing([newKey, oldKey], 'k2026a');

  it('seals and opens a secret bound to its record', () => {
    const sealed = ring.seal(PRIVATE_KEY, 'credential:1');
    expect(sealed.masterKeyId).toBe('k2025b');
    expect(ring.open(sealed, 'credential:1').toString()).toBe(PRIVATE_KEY);
  });

  it('never stores the plaintext, and uses a fresh data key and iv each time', () => {
    const first = ring.seal(PRIVATE_KEY, 'credential:1');
    const second = ring.seal(PRIVATE_KEY, 'credential:1');
    const stored = serializeSealedSecret(first);
    expect(stored).not.toContain('PRIVATE KEY');
    expect(stored).not.toContain(Buffer.from(PRIVATE_KEY).toString('base64url').slice(0, 20));
    expect(first.ciphertext.includes(Buffer.from('PRIVATE KEY'))).toBe(false);
    expect(first.ciphertext.equals(second.ciphertext)).toBe(false);
    expect(first.wrappedDataKey.equals(second.wrappedDataKey)).toBe(false);
    expect(first.iv.equals(second.iv)).toBe(false);
  });

  it('round-trips through the serialised form', () => {
    const stored = serializeSealedSecret(ring.seal('secret', 'credential:2'));
    expect(stored).toMatch(/^v1\.k2025b\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(ring.open(parseSealedSecret(stored), 'credential:2').toString()).toBe('secret');
  });

  it('refuses a sealed key moved onto another credential', () => {
    const sealed = ring.seal(PRIVATE_KEY, 'credential:1');
    const error = thrown(() => ring.open(sealed, 'credential:2'));
    expect(error.code).toBe(CredentialsErrorCode.MasterKeyMismatch);
    expect(error.message).toContain('copied from another record');
  });

  it.each<[string, (sealed: SealedSecret) => SealedSecret, CredentialsErrorCode]>([
    [
      'ciphertext',
      (s) => ({ ...s, ciphertext: flipByte(s.ciphertext, 3) }),
      CredentialsErrorCode.SecretTampered,
    ],
    ['tag', (s) => ({ ...s, tag: flipByte(s.tag, 0) }), CredentialsErrorCode.SecretTampered],
    ['iv', (s) => ({ ...s, iv: flipByte(s.iv, 11) }), CredentialsErrorCode.SecretTampered],
    [
      'wrapped data key',
      (s) => ({ ...s, wrappedDataKey: flipByte(s.wrappedDataKey, 20) }),
      CredentialsErrorCode.MasterKeyMismatch,
    ],
  ])('detects a flipped byte in the %s with a typed error', (_field, tamper, code) => {
    const sealed = ring.seal(PRIVATE_KEY, 'credential:1');
    const error = thrown(() => ring.open(tamper(sealed), 'credential:1'));
    expect(error.code).toBe(code);
    expect(error.masterKeyId).toBe('k2025b');
    expect(error.message).not.toMatch(/bad decrypt|Unsupported state|at .*\.js/);
  });

  it('names the key id when the configured key under that id has another value', () => {
    const sealed = ring.seal(PRIVATE_KEY, 'credential:1');
    const impostor = new MasterKeyRing([{ id: 'k2025b', key: randomBytes(32) }], 'k2025b');
    const error = thrown(() => impostor.open(sealed, 'credential:1'));
    expect(error.code).toBe(CredentialsErrorCode.MasterKeyMismatch);
    expect(error.message).toContain('Configure the original value of "k2025b"');
  });

  it('names the key id when the secret was sealed with a key that is not configured', () => {
    const sealed = rotated.seal(PRIVATE_KEY, 'credential:1');
    const error = thrown(() => ring.open(sealed, 'credential:1'));
    expect(error.code).toBe(CredentialsErrorCode.UnknownMasterKey);
    expect(error.masterKeyId).toBe('k2026a');
    expect(error.message).toContain(
      'sealed with master key "k2026a", which is not configured (configured: k2025b)',
    );
  });

  it('rewraps to the active master key without touching the encrypted data', () => {
    const sealed = ring.seal(PRIVATE_KEY, 'credential:1');
    expect(rotated.needsRewrap(sealed)).toBe(true);
    const rewrapped = rotated.rewrap(sealed, 'credential:1');

    expect(rewrapped.masterKeyId).toBe('k2026a');
    expect(rewrapped.ciphertext.equals(sealed.ciphertext)).toBe(true);
    expect(rewrapped.iv.equals(sealed.iv)).toBe(true);
    expect(rewrapped.tag.equals(sealed.tag)).toBe(true);
    expect(rewrapped.wrappedDataKey.equals(sealed.wrappedDataKey)).toBe(false);
    expect(rotated.needsRewrap(rewrapped)).toBe(false);
    expect(rotated.rewrap(rewrapped, 'credential:1')).toBe(rewrapped);

    const onlyNewKey = new MasterKeyRing([newKey], 'k2026a');
    expect(onlyNewKey.open(rewrapped, 'credential:1').toString()).toBe(PRIVATE_KEY);
    expect(thrown(() => onlyNewKey.open(sealed, 'credential:1')).code).toBe(
      CredentialsErrorCode.UnknownMasterKey,
    );
  });

  it('refuses an active key id that is not configured, and keys of the wrong length', () => {
    expect(thrown(() => new MasterKeyRing([oldKey], 'k2027')).message).toContain(
      'The active master key id "k2027" is not among the configured master keys (k2025b)',
    );
    expect(thrown(() => new MasterKeyRing([{ id: 'short', key: randomBytes(31) }], 'short')).code).toBe(
      CredentialsErrorCode.MasterKeyConfigInvalid,
    );
  });

  it('builds from the configuration string', () => {
    const configured = MasterKeyRing.fromConfig(
      `k2026a:${newKey.key.toString('base64')},k2025b:${oldKey.key.toString('base64')}`,
      'k2026a',
    );
    expect(configured.keyIds).toEqual(['k2026a', 'k2025b']);
    expect(configured.open(ring.seal('x', 'r'), 'r').toString()).toBe('x');
  });

  it('does not show master keys when inspected or serialised', () => {
    const printed = `${inspect(rotated, { depth: 5, showHidden: true })} ${JSON.stringify(rotated)}`;
    for (const { key } of [oldKey, newKey]) {
      expect(printed).not.toContain(key.toString('base64'));
      expect(printed).not.toContain(key.toString('hex'));
    }
  });

  it('requires associated data', () => {
    expect(() => ring.seal('x', '')).toThrow(/associated data naming the record/);
  });
});

describe('parseSealedSecret', () => {
  const ring = new MasterKeyRing([{ id: 'k1', key: randomBytes(32) }], 'k1');
  const stored = serializeSealedSecret(ring.seal('secret', 'r'));

  it.each([
    ['not a sealed secret', /not a sealed secret/],
    [stored.replace(/^v1/, 'v9'), /version "v9" is not supported/],
    [stored.replace('.k1.', '.k 1.'), /damaged \(bad key id or encoding\)/],
    [stored.split('.').slice(0, 5).join('.'), /not a sealed secret/],
    [stored.replace(/\.([A-Za-z0-9_-]{4})/, '.'), /damaged/],
  ])('rejects %p as SEALED_FORMAT_INVALID', (text, message) => {
    const error = thrown(() => parseSealedSecret(text));
    expect(error.code).toBe(CredentialsErrorCode.SealedFormatInvalid);
    expect(error.message).toMatch(message);
  });
});
