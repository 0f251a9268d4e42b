import forge from 'node-forge';
import type { CertificateMaterial } from './certificate-material';
import { generateCertificate } from './generate-certificate';
import { importCertificate } from './import-certificate';
import { MAX_PFX_ITERATIONS } from './pfx-work-limit';

describe('PFX work limit', () => {
  let material: CertificateMaterial;

  beforeAll(async () => {
    material = await generateCertificate({ commonName: 'Work limit' });
  });

  /** A PFX as Windows exports it, then (optionally) edited to ask for more MAC iterations. */
  function pfx(macIterations?: number): Buffer {
    const asn1 = forge.pkcs12.toPkcs12Asn1(
      forge.pki.privateKeyFromPem(material.privateKeyPem),
      [forge.pki.certificateFromPem(material.certificatePem)],
      'pass',
      { algorithm: '3des' },
    );
    if (macIterations !== undefined) {
      const macData = (asn1.value as forge.asn1.Asn1[])[2];
      const iterations = (macData.value as forge.asn1.Asn1[])[2];
      iterations.value = forge.asn1.integerToDer(macIterations).getBytes();
    }
    return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
  }

  it('accepts a file with standard iteration counts', () => {
    expect(importCertificate({ format: 'pfx', pfx: pfx(), password: 'pass' }).thumbprintSha1).toBe(
      material.thumbprintSha1,
    );
  });

  it('refuses a file asking for more iterations than the limit, before deriving any key', () => {
    // Had the MAC been computed, the edited count would fail it as a wrong password instead.
    expect(() =>
      importCertificate({ format: 'pfx', pfx: pfx(MAX_PFX_ITERATIONS * 50), password: 'pass' }),
    ).toThrow(/asks for 50000000 key-derivation iterations/);
  });
});
