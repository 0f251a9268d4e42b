import { CredentialsError, CredentialsErrorCode } from '../errors';
import { X509Certificate, createHash, createPrivateKey } from 'node:crypto';
import { inspect } from 'node:util';
import forge from 'node-forge';
import type { CertificateMaterial } from './certificate-material';
import { CLOCK_SKEW_ALLOWANCE_MS, generateCertificate } from './generate-certificate';

describe('generateCertificate', () => {
  const now = new Date('2026-11-28T10:00:00.000Z');
  // RSA key generation costs one to two seconds on a small machine: share one certificate where we can.
  let material: CertificateMaterial;
  let unicodeNamed: CertificateMaterial;

  beforeAll(async () => {
    [material, unicodeNamed] = await Promise.all([
      generateCertificate({ commonName: 'Archive credential', now }),
      generateCertificate({ commonName: '  Müller & Söhne,\r\n "Archiv"\u0000 ', now }),
    ]);
  });

  it('creates a 2048-bit, SHA-256 signed, self-signed client certificate valid for 15 months by default', () => {
    const parsed = new X509Certificate(material.certificateDer);

    expect(material.keySize).toBe(2048);
    expect(parsed.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(parsed.subject).toBe('CN=Archive credential');
    expect(parsed.issuer).toBe(parsed.subject);
    expect(parsed.verify(parsed.publicKey)).toBe(true);
    expect(parsed.ca).toBe(false);
    expect(parsed.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    expect(material.notAfter.toISOString()).toBe('2028-02-28T10:00:00.000Z');
    expect(material.notBefore.getTime()).toBe(now.getTime() - CLOCK_SKEW_ALLOWANCE_MS);
    expect(parsed.checkPrivateKey(createPrivateKey(material.privateKeyPem))).toBe(true);
  });

  it('signs with sha256WithRSAEncryption', () => {
    // OID 1.2.840.113549.1.1.11 in DER, as it appears in the signatureAlgorithm field.
    const sha256WithRsaOid = Buffer.from('06092a864886f70d01010b', 'hex');
    expect(material.certificateDer.includes(sha256WithRsaOid)).toBe(true);
  });

  it('reports thumbprints equal to the fingerprints Node computes, in the portal format', () => {
    const parsed = new X509Certificate(material.certificatePem);

    expect(material.thumbprintSha1).toBe(parsed.fingerprint.replace(/:/g, ''));
    expect(material.thumbprintSha256).toBe(parsed.fingerprint256.replace(/:/g, ''));
    expect(material.thumbprintSha1).toMatch(/^[0-9A-F]{40}$/);
    expect(material.thumbprintSha1).toBe(
      createHash('sha1').update(material.certificateDer).digest('hex').toUpperCase(),
    );
    expect(Buffer.from(parsed.raw).equals(material.certificateDer)).toBe(true);
  });

  it('exports the private key as unencrypted PKCS#8 PEM', () => {
    expect(material.privateKeyPem.startsWith('-----BEGIN PRIVATE KEY-----')).toBe(true);
  });

  it('keeps the private key out of JSON, inspection and spreads', () => {
    const printed = `${JSON.stringify(material)} ${inspect(material, { depth: 4 })}`;
    expect(printed).not.toContain('PRIVATE KEY');
    expect(Object.keys({ ...material })).not.toContain('privateKeyPem');
    expect(printed).toContain(material.thumbprintSha1);
  });

  it('marks the key for signatures and key encipherment only, with a subject key identifier', () => {
    const parsed = forge.pki.certificateFromPem(material.certificatePem);
    expect(parsed.getExtension('keyUsage')).toMatchObject({
      critical: true,
      digitalSignature: true,
      keyEncipherment: true,
      keyCertSign: false,
      cRLSign: false,
    });
    expect(parsed.getExtension('basicConstraints')).toMatchObject({ critical: true, cA: false });
    const subjectKeyIdentifier = parsed.getExtension('subjectKeyIdentifier') as {
      subjectKeyIdentifier: string;
    };
    expect(subjectKeyIdentifier.subjectKeyIdentifier).toBe(parsed.generateSubjectKeyIdentifier().toHex());
  });

  it('uses a random positive serial number of 16 octets', () => {
    expect(material.serialNumber).toMatch(/^[4-7][0-9A-F]{31}$/);
    expect(unicodeNamed.serialNumber).toMatch(/^[4-7][0-9A-F]{31}$/);
    expect(material.serialNumber).not.toBe(unicodeNamed.serialNumber);
  });

  it('honours a chosen validity and a 3072-bit key', async () => {
    const longLived = await generateCertificate({
      commonName: 'Long lived',
      keySize: 3072,
      validityMonths: 36,
      now,
    });
    expect(longLived.keySize).toBe(3072);
    expect(longLived.notAfter.toISOString()).toBe('2029-11-28T10:00:00.000Z');
  });

  it('keeps non-ASCII names intact and strips control characters from the subject', () => {
    const parsed = new X509Certificate(unicodeNamed.certificateDer);
    // Node prints the DN in RFC 4514 form, escaping the comma and quotes of the stored value.
    expect(parsed.subject).toBe('CN=Müller & Söhne\\, \\"Archiv\\"');
    expect(unicodeNamed.subject).toBe(parsed.subject);
  });

  it.each([
    [{ keySize: 1024 as 2048 }, /Key size 1024 is not offered; choose one of 2048, 3072, 4096/],
    [{ validityMonths: 0 }, /Validity of 0 months is not allowed; choose a whole number from 1 to 36/],
    [{ validityMonths: 37 }, /Validity of 37 months/],
    [{ validityMonths: 2.5 }, /Validity of 2.5 months/],
    [{ commonName: ' \u0007 ' }, /credential name is empty/],
  ])('rejects bad parameters %p with a clear message', async (override, message) => {
    const attempt = generateCertificate({ commonName: 'Bad', now, ...override });
    await expect(attempt).rejects.toThrow(CredentialsError);
    await expect(attempt).rejects.toMatchObject({ code: CredentialsErrorCode.InvalidParameters });
    await expect(attempt).rejects.toThrow(message);
  });
});
