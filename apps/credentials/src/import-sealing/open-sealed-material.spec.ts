import { randomBytes } from 'node:crypto';
import { IMPORT_SEALING_ALGORITHM, type ImportCredentialRequest } from '@archive365/contracts';
import { sealImport } from '@archive365/messaging';
import { openSealedMaterial } from './open-sealed-material';
import { x25519FromSeed } from './x25519-key-pair';

const request: ImportCredentialRequest = {
  instanceAlias: 'contoso',
  name: 'Imported',
  clientId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  tenantId: 'contoso.onmicrosoft.com',
  pfxBase64: 'MIIK',
  pfxPassword: 'pfx secret',
};

describe('sealed import material', () => {
  const pair = x25519FromSeed(randomBytes(32));
  const key = { keyId: 'k1', algorithm: IMPORT_SEALING_ALGORITHM, publicKey: pair.publicKeyBase64Url };

  it('opens what an importer sealed to the import key, and carries no secret in clear', () => {
    const sealed = sealImport(key, request);
    expect(JSON.stringify(sealed)).not.toContain('pfx secret');
    expect(sealed).toMatchObject({ instanceAlias: 'contoso', name: 'Imported', sealed: { keyId: 'k1' } });
    const opened = openSealedMaterial(sealed.sealed, pair, 'contoso');
    expect(JSON.parse(opened?.toString('utf8') ?? '{}')).toEqual({
      pfxBase64: 'MIIK',
      pfxPassword: 'pfx secret',
    });
  });

  it('does not open under another key, for another instance, or altered', () => {
    const sealed = sealImport(key, request).sealed;
    expect(openSealedMaterial(sealed, x25519FromSeed(randomBytes(32)), 'contoso')).toBeUndefined();
    expect(openSealedMaterial(sealed, pair, 'fabrikam')).toBeUndefined();
    expect(openSealedMaterial({ ...sealed, keyId: 'k2' }, pair, 'contoso')).toBeUndefined();
    const flipped = Buffer.from(sealed.ciphertext, 'base64url');
    flipped[0] ^= 1;
    expect(
      openSealedMaterial({ ...sealed, ciphertext: flipped.toString('base64url') }, pair, 'contoso'),
    ).toBeUndefined();
  });

  it('uses a fresh ephemeral key and IV for every import', () => {
    const [a, b] = [sealImport(key, request).sealed, sealImport(key, request).sealed];
    expect(a.ephemeralPublicKey).not.toBe(b.ephemeralPublicKey);
    expect(a.iv).not.toBe(b.iv);
  });
});
