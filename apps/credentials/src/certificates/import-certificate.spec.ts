import { CredentialsErrorCode } from '../errors';
import { X509Certificate, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';
import type { CertificateMaterial } from './certificate-material';
import { generateCertificate } from './generate-certificate';
import { importCertificate, type CertificateImport } from './import-certificate';

const now = new Date('2026-11-28T10:00:00.000Z');

function pfxOf(
  material: CertificateMaterial | null,
  certificatePems: string[],
  password: string,
  algorithm: '3des' | 'aes256' = '3des',
): Buffer {
  const key = material ? forge.pki.privateKeyFromPem(material.privateKeyPem) : null;
  const certificates = certificatePems.map((pem) => forge.pki.certificateFromPem(pem));
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certificates, password, { algorithm });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** A self-signed certificate for a key we choose, to test keys our generator would never make. */
function selfSignedFor(privateKeyPem: string, publicKeyPem: string): string {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  certificate.serialNumber = '01';
  certificate.validity.notBefore = new Date('2026-01-01T00:00:00Z');
  certificate.validity.notAfter = new Date('2028-01-01T00:00:00Z');
  certificate.setSubject([{ name: 'commonName', value: 'small' }]);
  certificate.setIssuer([{ name: 'commonName', value: 'small' }]);
  certificate.sign(forge.pki.privateKeyFromPem(privateKeyPem), forge.md.sha256.create());
  return forge.pki.certificateToPem(certificate);
}

async function expectImportError(
  input: CertificateImport,
  code: CredentialsErrorCode,
  message: RegExp,
  at = now,
): Promise<void> {
  let caught: unknown;
  try {
    await importCertificate(input, at);
  } catch (error) {
    caught = error;
  }
  expect(caught).toMatchObject({ name: 'CredentialsError', code });
  expect((caught as Error).message).toMatch(message);
}

describe('importCertificate', () => {
  let original: CertificateMaterial;
  let other: CertificateMaterial;

  beforeAll(async () => {
    [original, other] = await Promise.all([
      generateCertificate({ commonName: 'Imported', now }),
      generateCertificate({ commonName: 'Someone else', now }),
    ]);
  });

  describe('PEM', () => {
    it('imports a PKCS#8 key with its certificate and keeps thumbprints and dates', async () => {
      const imported = await importCertificate(
        { format: 'pem', certificatePem: original.certificatePem, privateKeyPem: original.privateKeyPem },
        now,
      );
      expect(imported.thumbprintSha1).toBe(original.thumbprintSha1);
      expect(imported.thumbprintSha256).toBe(original.thumbprintSha256);
      expect(imported.notAfter).toEqual(original.notAfter);
      expect(imported.subject).toBe('CN=Imported');
      expect(imported.keySize).toBe(2048);
    });

    it('normalises a PKCS#1 key to PKCS#8', async () => {
      const pkcs1 = createPrivateKey(original.privateKeyPem)
        .export({ type: 'pkcs1', format: 'pem' })
        .toString();
      expect(pkcs1).toContain('BEGIN RSA PRIVATE KEY');
      const imported = await importCertificate(
        { format: 'pem', certificatePem: original.certificatePem, privateKeyPem: pkcs1 },
        now,
      );
      expect(imported.privateKeyPem).toContain('BEGIN PRIVATE KEY');
      expect(
        new X509Certificate(imported.certificatePem).checkPrivateKey(
          createPrivateKey(imported.privateKeyPem),
        ),
      ).toBe(true);
    });

    it('decrypts an encrypted PKCS#8 key and a legacy encrypted PKCS#1 key with the passphrase', async () => {
      const key = createPrivateKey(original.privateKeyPem);
      const encryptedPkcs8 = key
        .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'correct horse' })
        .toString();
      const encryptedPkcs1 = key
        .export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'correct horse' })
        .toString();
      for (const privateKeyPem of [encryptedPkcs8, encryptedPkcs1]) {
        const imported = await importCertificate(
          {
            format: 'pem',
            certificatePem: original.certificatePem,
            privateKeyPem,
            passphrase: 'correct horse',
          },
          now,
        );
        expect(imported.privateKeyPem).not.toContain('ENCRYPTED');
        expect(imported.thumbprintSha1).toBe(original.thumbprintSha1);
      }
    });

    it('asks for the passphrase of an encrypted key, and says when it is wrong', async () => {
      const encrypted = createPrivateKey(original.privateKeyPem)
        .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'correct horse' })
        .toString();
      const input = {
        format: 'pem' as const,
        certificatePem: original.certificatePem,
        privateKeyPem: encrypted,
      };
      await expectImportError(
        input,
        CredentialsErrorCode.PasswordRequired,
        /encrypted; supply its passphrase/,
      );
      await expectImportError(
        { ...input, passphrase: 'battery staple' },
        CredentialsErrorCode.WrongPassword,
        /could not be decrypted; check the passphrase/,
      );
    });

    it('picks the certificate matching the key out of a bundle with its chain', async () => {
      const bundle = `${other.certificatePem}\n${original.certificatePem}`;
      const imported = await importCertificate(
        { format: 'pem', certificatePem: bundle, privateKeyPem: original.privateKeyPem },
        now,
      );
      expect(imported.thumbprintSha1).toBe(original.thumbprintSha1);
    });

    it('refuses a key that belongs to another certificate', async () => {
      await expectImportError(
        { format: 'pem', certificatePem: other.certificatePem, privateKeyPem: original.privateKeyPem },
        CredentialsErrorCode.KeyDoesNotMatch,
        /does not belong to the certificate/,
      );
    });

    it('refuses an expired certificate', async () => {
      await expectImportError(
        { format: 'pem', certificatePem: original.certificatePem, privateKeyPem: original.privateKeyPem },
        CredentialsErrorCode.CertificateExpired,
        /expired on 2028-02-28T10:00:00.000Z/,
        new Date('2028-03-01T00:00:00Z'),
      );
    });

    it('refuses RSA keys under 2048 bits and non-RSA keys', async () => {
      const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
      const smallPrivate = small.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const smallPublic = small.publicKey.export({ type: 'spki', format: 'pem' }).toString();
      await expectImportError(
        {
          format: 'pem',
          certificatePem: selfSignedFor(smallPrivate, smallPublic),
          privateKeyPem: smallPrivate,
        },
        CredentialsErrorCode.KeyTooSmall,
        /has 1024 bits; use an RSA key of at least 2048 bits/,
      );
      const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
        type: 'pkcs8',
        format: 'pem',
      });
      await expectImportError(
        { format: 'pem', certificatePem: original.certificatePem, privateKeyPem: ec.toString() },
        CredentialsErrorCode.UnsupportedKeyType,
        /is a ec key; Microsoft Entra certificate credentials need an RSA key/,
      );
    });

    it.each([
      [
        'no certificate block',
        () => 'hello',
        () => original.privateKeyPem,
        CredentialsErrorCode.MalformedCertificate,
        /no "-----BEGIN CERTIFICATE-----" block/,
      ],
      [
        'a damaged certificate',
        () => '-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----',
        () => original.privateKeyPem,
        CredentialsErrorCode.MalformedCertificate,
        /block 1 is not a valid X.509 certificate/,
      ],
      [
        'no key block',
        () => original.certificatePem,
        () => 'nothing here',
        CredentialsErrorCode.MalformedPrivateKey,
        /holds no "-----BEGIN PRIVATE KEY-----"/,
      ],
      [
        'a damaged key',
        () => original.certificatePem,
        () => '-----BEGIN PRIVATE KEY-----\nMIIBAAAA\n-----END PRIVATE KEY-----',
        CredentialsErrorCode.MalformedPrivateKey,
        /not a valid PEM key/,
      ],
    ])('explains malformed input: %s', async (_case, certificatePem, privateKeyPem, code, message) => {
      await expectImportError(
        { format: 'pem', certificatePem: certificatePem(), privateKeyPem: privateKeyPem() },
        code,
        message,
      );
    });
  });

  it('rejects an unknown import format from an unvalidated caller', async () => {
    await expectImportError(
      { format: 'jks' } as unknown as CertificateImport,
      CredentialsErrorCode.InvalidParameters,
      /use "pem" .* or "pfx"/,
    );
  });

  describe('PFX', () => {
    it('imports a PFX (3DES) and a PFX (AES-256) with the right password', async () => {
      for (const algorithm of ['3des', 'aes256'] as const) {
        const pfx = pfxOf(original, [original.certificatePem], 'pfx-pass', algorithm);
        const imported = await importCertificate({ format: 'pfx', pfx, password: 'pfx-pass' }, now);
        expect(imported.thumbprintSha1).toBe(original.thumbprintSha1);
        expect(imported.privateKeyPem).toContain('BEGIN PRIVATE KEY');
      }
    });

    it('picks the matching certificate when the PFX carries several', async () => {
      const pfx = pfxOf(original, [other.certificatePem, original.certificatePem], 'pfx-pass');
      const imported = await importCertificate({ format: 'pfx', pfx, password: 'pfx-pass' }, now);
      expect(imported.thumbprintSha256).toBe(original.thumbprintSha256);
    });

    it('says the password is wrong', async () => {
      const pfx = pfxOf(original, [original.certificatePem], 'pfx-pass');
      await expectImportError(
        { format: 'pfx', pfx, password: 'nope' },
        CredentialsErrorCode.WrongPassword,
        /PFX password is wrong/,
      );
    });

    it('says when the PFX holds no private key', async () => {
      const pfx = pfxOf(null, [original.certificatePem], 'pfx-pass');
      await expectImportError(
        { format: 'pfx', pfx, password: 'pfx-pass' },
        CredentialsErrorCode.NoPrivateKey,
        /holds no private key; export the certificate again with its private key/,
      );
    });

    it('says when no certificate in the PFX belongs to its key', async () => {
      const pfx = pfxOf(original, [other.certificatePem], 'pfx-pass');
      await expectImportError(
        { format: 'pfx', pfx, password: 'pfx-pass' },
        CredentialsErrorCode.KeyDoesNotMatch,
        /does not belong/,
      );
    });

    it('says when the file is not a PFX at all', async () => {
      await expectImportError(
        { format: 'pfx', pfx: Buffer.from('definitely not DER'), password: 'x' },
        CredentialsErrorCode.MalformedCertificate,
        /not a PFX\/PKCS#12 file/,
      );
      await expectImportError(
        { format: 'pfx', pfx: Buffer.alloc(0), password: 'x' },
        CredentialsErrorCode.MalformedCertificate,
        /empty/,
      );
    });

    it('never puts the password into an error message', async () => {
      const pfx = pfxOf(original, [original.certificatePem], 'pfx-pass');
      await expectImportError(
        { format: 'pfx', pfx, password: 'Secret-Passw0rd' },
        CredentialsErrorCode.WrongPassword,
        /^(?!.*Secret-Passw0rd)/,
      );
    });
  });
});
