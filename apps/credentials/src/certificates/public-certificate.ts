import type { CertificateMaterial, PublicCertificate } from './certificate-material';

/**
 * What may be displayed, downloaded or published: copies the public fields one by one, so a field
 * added to `CertificateMaterial` later cannot leak the private key by accident.
 */
export function publicCertificate(material: CertificateMaterial): PublicCertificate {
  return {
    certificatePem: material.certificatePem,
    certificateDer: material.certificateDer,
    thumbprintSha1: material.thumbprintSha1,
    thumbprintSha256: material.thumbprintSha256,
    notBefore: material.notBefore,
    notAfter: material.notAfter,
    serialNumber: material.serialNumber,
    subject: material.subject,
    keySize: material.keySize,
  };
}
