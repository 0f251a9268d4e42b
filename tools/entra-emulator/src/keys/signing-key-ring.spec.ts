import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SigningKeyFile } from './signing-key-file';
import { SigningKeyRing } from './signing-key-ring';

describe('SigningKeyRing', () => {
  let now = 1_800_000_000_000;
  const clock = { now: () => now };
  const ring = new SigningKeyRing(clock, 60_000);

  it('publishes the current key with kid = x5t and its certificate', () => {
    const { keys } = ring.jwks('https://issuer.example/tid/v2.0');
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({
      kty: 'RSA',
      use: 'sig',
      kid: ring.signingKey.kid,
      x5t: ring.signingKey.kid,
      e: 'AQAB',
      issuer: 'https://issuer.example/tid/v2.0',
    });
    expect(keys[0].x5c[0]).toMatch(/^MII/);
  });

  it('rotates: the new key signs, the old one stays published until the retention time has passed', () => {
    const before = ring.signingKey.kid;
    const { kid, previousKid } = ring.rotate();
    expect(previousKid).toBe(before);
    expect(ring.signingKey.kid).toBe(kid);
    expect(ring.jwks('x').keys.map((key) => key.kid)).toEqual([kid, before]);
    expect(ring.verificationKey(before)).toBeDefined();
    now += 60_001;
    expect(ring.verificationKey(before)).toBeUndefined();
    expect(ring.jwks('x').keys.map((key) => key.kid)).toEqual([kid]);
  });

  it('keeps its keys in the state directory, so a restarted emulator signs and verifies with them', () => {
    const file = new SigningKeyFile(mkdtempSync(join(tmpdir(), 'emulator-keys-spec-')));
    const first = new SigningKeyRing(clock, 60_000, file);
    const restarted = new SigningKeyRing(clock, 60_000, file);
    expect(restarted.signingKey.kid).toBe(first.signingKey.kid);
    const { kid, previousKid } = first.rotate();
    const afterRotation = new SigningKeyRing(clock, 60_000, file);
    expect(afterRotation.signingKey.kid).toBe(kid);
    expect(afterRotation.verificationKey(previousKid)).toBeDefined();
  });
});
