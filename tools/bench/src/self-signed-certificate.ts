import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import forge from 'node-forge';

/** A throw-away self-signed client certificate (RSA 2048, SHA-256) for a benchmark's own token client. */
export function selfSignedCertificate(commonName: string): { keyPem: string; certPem: string; der: Buffer } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(
    publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  );
  certificate.serialNumber = '01';
  certificate.validity.notBefore = new Date(Date.now() - 60_000);
  certificate.validity.notAfter = new Date(Date.now() + 86_400_000);
  certificate.setSubject([{ name: 'commonName', value: commonName }]);
  certificate.setIssuer([{ name: 'commonName', value: commonName }]);
  certificate.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(certificate);
  return { keyPem, certPem, der: Buffer.from(new X509Certificate(certPem).raw) };
}
