export {
  RSA_KEY_SIZES,
  type CertificateMaterial,
  type PublicCertificate,
  type RsaKeySize,
} from './certificate-material';
export { COMMON_NAME_MAX_LENGTH, commonNameFromCredentialName } from './common-name';
export {
  DEFAULT_KEY_SIZE,
  DEFAULT_VALIDITY_MONTHS,
  MAX_VALIDITY_MONTHS,
  MIN_VALIDITY_MONTHS,
  generateCertificate,
  newCertificateFor,
  type GenerateCertificateOptions,
} from './generate-certificate';
export { KEY_CREDENTIAL_DISPLAY_NAME_MAX_LENGTH, toGraphKeyCredential } from './graph-key-credential';
export {
  importCertificate,
  type CertificateImport,
  type PemCertificateImport,
  type PfxCertificateImport,
} from './import-certificate';
export { publicCertificate } from './public-certificate';
