import { constants, createPrivateKey, generateKeyPairSync, privateEncrypt, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface IssuedCertificate {
  certPem: string;
  keyPem: string;
}

export interface CertificateRequest {
  commonName: string;
  validDays: number;
  /** Self-signed when absent. */
  issuer?: IssuedCertificate;
  isCertificateAuthority?: boolean;
  dnsNames?: string[];
  ipAddresses?: string[];
}

/**
 * Builds an X.509 certificate with node-forge. The RSA key comes from Node's native crypto, because
 * forge's pure-JavaScript key generation takes seconds where OpenSSL takes milliseconds.
 */
export function buildCertificate(request: CertificateRequest): IssuedCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  // RFC 5280 section 4.1.2.2: a positive serial number of at most 20 octets.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  const notBefore = new Date(Date.now() - 60 * 60 * 1000);
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = new Date(notBefore.getTime() + request.validDays * 24 * 60 * 60 * 1000);
  const subject = [
    { name: 'commonName', value: request.commonName },
    { name: 'organizationName', value: 'Archive365 Entra Emulator' },
  ];
  cert.setSubject(subject);
  const issuerCert = request.issuer ? forge.pki.certificateFromPem(request.issuer.certPem) : undefined;
  cert.setIssuer(issuerCert ? issuerCert.subject.attributes : subject);
  cert.setExtensions(extensionsFor(request));
  const signingKeyPem = request.issuer ? request.issuer.keyPem : keyPem;
  cert.sign(
    nativeRsaSha256Signer(signingKeyPem) as unknown as forge.pki.rsa.PrivateKey,
    forge.md.sha256.create(),
  );
  // forge writes CRLF line ends; Node and most tools print LF.
  return { certPem: forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n'), keyPem };
}

// DER DigestInfo prefix for SHA-256 (RFC 8017 section 9.2, note 1).
const SHA256_DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * Signs forge's certificate digest with Node's OpenSSL (RSASSA-PKCS1-v1_5 over the DigestInfo):
 * forge's pure-JavaScript RSA takes over a second per signature in some runtimes (Jest's VM), OpenSSL
 * a millisecond.
 */
function nativeRsaSha256Signer(privateKeyPem: string): { sign(md: forge.md.MessageDigest): string } {
  const key = createPrivateKey(privateKeyPem);
  return {
    sign(md) {
      const digest = Buffer.from(md.digest().getBytes(), 'binary');
      const signature = privateEncrypt(
        { key, padding: constants.RSA_PKCS1_PADDING },
        Buffer.concat([SHA256_DIGEST_INFO_PREFIX, digest]),
      );
      return signature.toString('binary');
    },
  };
}

function extensionsFor(request: CertificateRequest): object[] {
  if (request.isCertificateAuthority) {
    return [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ];
  }
  const altNames = [
    ...(request.dnsNames ?? []).map((value) => ({ type: 2, value })),
    ...(request.ipAddresses ?? []).map((ip) => ({ type: 7, ip })),
  ];
  return [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    ...(altNames.length > 0 ? [{ name: 'subjectAltName', altNames }] : []),
  ];
}
