import forge from 'node-forge';
import { CredentialsError, CredentialsErrorCode } from '../errors';
import type { CertificateMaterial } from './certificate-material';
import { generateCertificate } from './generate-certificate';
import { importCertificate } from './import-certificate';
import { MAX_KDF_ITERATIONS_PER_IMPORT } from './kdf-work-limit';

const accepted = (): never => {
  throw new Error('the import was accepted');
};
const refused = (error: unknown): CredentialsError => {
  if (error instanceof CredentialsError) return error;
  throw error;
};

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

  it('accepts a file with standard iteration counts', async () => {
    expect((await importCertificate({ format: 'pfx', pfx: pfx(), password: 'pass' })).thumbprintSha1).toBe(
      material.thumbprintSha1,
    );
  });

  it('refuses a file asking for more iterations than the limit, before deriving any key', async () => {
    // Had the MAC been computed, the edited count would fail it as a wrong password instead.
    const refusal = await importCertificate({
      format: 'pfx',
      pfx: pfx(MAX_KDF_ITERATIONS_PER_IMPORT * 50),
      password: 'pass',
    }).then(accepted, refused);
    // The MAC's count plus the bags' own (2,048 each as forge exports them), all counted.
    const asked = Number(/asks for (\d+) key-derivation iterations in total/.exec(refusal.message)?.[1]);
    expect(asked).toBeGreaterThan(MAX_KDF_ITERATIONS_PER_IMPORT * 50);
  });
});

/** Sets every iteration count in a structure (an INTEGER right after an OCTET STRING salt), nested DER included. */
function withIterations(node: forge.asn1.Asn1, count: number): forge.asn1.Asn1 {
  if (node.tagClass === forge.asn1.Class.UNIVERSAL && node.type === forge.asn1.Type.OCTETSTRING) {
    const bytes = node.value as string;
    if (typeof bytes === 'string' && bytes.length > 2 && (bytes.charCodeAt(0) & 0x20) !== 0) {
      try {
        const nested = forge.asn1.fromDer(forge.util.createBuffer(bytes), true);
        node.value = forge.asn1.toDer(withIterations(nested, count)).getBytes();
      } catch {
        // not DER: a salt or ciphertext
      }
    }
    return node;
  }
  if (!Array.isArray(node.value)) return node;
  node.value.forEach((child, index) => {
    const previous = node.value[index - 1] as forge.asn1.Asn1 | undefined;
    if (
      child.type === forge.asn1.Type.INTEGER &&
      previous?.type === forge.asn1.Type.OCTETSTRING &&
      child.tagClass === forge.asn1.Class.UNIVERSAL
    ) {
      child.value = forge.asn1.integerToDer(count).getBytes();
    }
    withIterations(child, count);
  });
  return node;
}

describe('import work limits', () => {
  let material: CertificateMaterial;
  const der = (asn1: forge.asn1.Asn1) => Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');

  beforeAll(async () => {
    material = await generateCertificate({ commonName: 'Hostile files' });
  });

  const pfxAsn1 = (options: { useMac?: boolean } = {}) =>
    forge.pkcs12.toPkcs12Asn1(
      forge.pki.privateKeyFromPem(material.privateKeyPem),
      [forge.pki.certificateFromPem(material.certificatePem)],
      'pass',
      { algorithm: 'aes256', ...options },
    );

  it('counts every derivation of a file: several blocks under the old per-block cap add up', async () => {
    // Each block asks for 150,000 (under the former per-block limit of 1,000,000); together far more.
    const refusal = await importCertificate({
      format: 'pfx',
      pfx: der(withIterations(pfxAsn1(), 150_000)),
      password: 'pass',
    }).then(accepted, refused);
    expect(refusal).toMatchObject({ code: CredentialsErrorCode.MalformedCertificate });
    expect(refusal.message).toMatch(/key-derivation iterations in total/);
  });

  it('refuses a PFX without an integrity check (MAC) before decoding it', async () => {
    await expect(
      importCertificate({ format: 'pfx', pfx: der(pfxAsn1({ useMac: false })), password: 'pass' }),
    ).rejects.toMatchObject({
      code: CredentialsErrorCode.PfxWithoutMac,
      message: expect.stringMatching(/no integrity check/),
    });
  });

  it('refuses an encrypted PEM key asking for a huge PBKDF2 iteration count, before deriving', async () => {
    const encrypted = forge.pki.encryptRsaPrivateKey(
      forge.pki.privateKeyFromPem(material.privateKeyPem),
      'pw',
      {
        algorithm: 'aes256',
        count: 2048,
      },
    );
    const asn1 = withIterations(
      forge.asn1.fromDer(forge.util.decode64(encrypted.replace(/-----[^-]+-----|\s/g, ''))),
      50_000_000,
    );
    const hostile = `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${forge.util.encode64(forge.asn1.toDer(asn1).getBytes(), 64)}\n-----END ENCRYPTED PRIVATE KEY-----\n`;
    const refusal = await importCertificate({
      format: 'pem',
      certificatePem: material.certificatePem,
      privateKeyPem: hostile,
      passphrase: 'pw',
    }).then(accepted, refused);
    expect(refusal.message).toMatch(/The private key asks for 50000000 key-derivation iterations/);
  });

  it('stops a decoding that takes longer than its time limit, and says why', async () => {
    const encrypted = forge.pki.encryptRsaPrivateKey(
      forge.pki.privateKeyFromPem(material.privateKeyPem),
      'pw',
      {
        algorithm: 'aes256',
        count: 2048,
      },
    );
    // A worker cannot even start within a millisecond: the limit is what answers.
    await expect(
      importCertificate(
        {
          format: 'pem',
          certificatePem: material.certificatePem,
          privateKeyPem: encrypted,
          passphrase: 'pw',
        },
        new Date(),
        { decodingTimeoutMs: 1 },
      ),
    ).rejects.toMatchObject({ code: CredentialsErrorCode.ImportTooExpensive });
  });
});
