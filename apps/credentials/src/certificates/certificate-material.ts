/** RSA modulus sizes an administrator may choose (the contract's list); 2048 is the Entra ID minimum and our default. */
export {
  CERTIFICATE_KEY_SIZES as RSA_KEY_SIZES,
  type CertificateKeySize as RsaKeySize,
} from '@archive365/contracts';

/**
 * A certificate together with its private key. Holds the key, so it must only ever be sealed
 * (key-vault) or handed to the token client; use `publicCertificate()` for anything shown or sent.
 */
export interface CertificateMaterial {
  readonly certificatePem: string;
  /** The DER encoding, i.e. the `.cer` file the Azure portal's "Upload certificate" takes. */
  readonly certificateDer: Buffer;
  /**
   * PKCS#8, unencrypted: seal it with the key vault before it is stored. A non-enumerable property:
   * JSON, loggers and `{ ...material }` never carry it; read it by name where it is really needed.
   */
  readonly privateKeyPem: string;
  /** SHA-1 of the DER, upper-case hex without separators, as the Azure portal shows it. */
  readonly thumbprintSha1: string;
  /** SHA-256 of the DER, upper-case hex (MSAL's `x5t#S256` is the same hash in base64url). */
  readonly thumbprintSha256: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Upper-case hex, as Node's `X509Certificate.serialNumber` prints it. */
  readonly serialNumber: string;
  /** The subject distinguished name, e.g. `CN=Archive credential`. */
  readonly subject: string;
  readonly keySize: number;
}

/** The part of a certificate that may be displayed, downloaded or put in an event: no private key. */
export interface PublicCertificate {
  readonly certificatePem: string;
  readonly certificateDer: Buffer;
  readonly thumbprintSha1: string;
  readonly thumbprintSha256: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly serialNumber: string;
  readonly subject: string;
  readonly keySize: number;
}
