import { X509Certificate } from 'node:crypto';
import type { CertificateMaterial } from './certificate-material';
import { generateCertificate } from './generate-certificate';
import { toGraphKeyCredential } from './graph-key-credential';
import { publicCertificate } from './public-certificate';

describe('toGraphKeyCredential and publicCertificate', () => {
  let material: CertificateMaterial;

  beforeAll(async () => {
    material = await generateCertificate({ commonName: 'Graph key', now: new Date('2026-11-28T10:00:00Z') });
  });

  it('builds the keyCredential Graph expects for a certificate', () => {
    const credential = toGraphKeyCredential(publicCertificate(material), 'archive365 Graph key');

    expect(credential).toMatchObject({
      type: 'AsymmetricX509Cert',
      usage: 'Verify',
      displayName: 'archive365 Graph key',
      startDateTime: material.notBefore.toISOString(),
      endDateTime: material.notAfter.toISOString(),
    });
    expect(credential.keyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const parsed = new X509Certificate(Buffer.from(credential.key ?? '', 'base64'));
    expect(parsed.fingerprint.replace(/:/g, '')).toBe(material.thumbprintSha1);
    expect(
      Buffer.from(credential.customKeyIdentifier ?? '', 'base64')
        .toString('hex')
        .toUpperCase(),
    ).toBe(material.thumbprintSha1);
  });

  it('uses a fresh key id each time unless one is given, and caps the display name at 90 characters', () => {
    const first = toGraphKeyCredential(material, 'x'.repeat(120));
    const second = toGraphKeyCredential(material, 'y', '6f1c0a52-3c3e-4d7e-9c41-3b0f5b2f9e11');
    expect(first.keyId).not.toBe(second.keyId);
    expect(second.keyId).toBe('6f1c0a52-3c3e-4d7e-9c41-3b0f5b2f9e11');
    expect(first.displayName).toHaveLength(90);
  });

  it('hands out the public certificate without the private key', () => {
    const shown = publicCertificate(material);
    expect(Object.keys(shown)).not.toContain('privateKeyPem');
    expect(JSON.stringify(shown)).not.toContain('PRIVATE KEY');
    expect(shown.thumbprintSha256).toBe(material.thumbprintSha256);
    expect(shown.certificateDer.equals(material.certificateDer)).toBe(true);
  });
});
