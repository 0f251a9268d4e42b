import { ErrorCode } from '@archive365/contracts';
import { CredentialsErrorCode as Code } from './credentials-error-code';

/** The one mapping of the service's codes to the platform's shared codes (and so to HTTP statuses). */
export function sharedCodeOf(code: Code): ErrorCode {
  switch (code) {
    case Code.InstanceNotFound:
    case Code.CredentialNotFound:
      return ErrorCode.NotFound;
    case Code.InstanceAliasTaken:
    case Code.CredentialInUse:
    case Code.IdempotencyKeyReused:
    case Code.CertificateAlreadyImported:
    case Code.NoActiveCertificate:
    case Code.RotationStepInvalid:
    case Code.RotationAlreadyPending:
    case Code.CertificateNotFound:
    case Code.DuplicateCertificateId:
    case Code.NotProven:
    case Code.InvalidTransition:
    case Code.CertificateNotCurrent:
      return ErrorCode.Conflict;
    case Code.CertificateRejected:
    case Code.InvalidParameters:
    case Code.MalformedCertificate:
    case Code.MalformedPrivateKey:
    case Code.PasswordRequired:
    case Code.WrongPassword:
    case Code.NoPrivateKey:
    case Code.NoCertificate:
    case Code.UnsupportedKeyType:
    case Code.KeyTooSmall:
    case Code.KeyDoesNotMatch:
    case Code.CertificateExpired:
    case Code.PfxWithoutMac:
    case Code.ImportTooExpensive:
      return ErrorCode.ValidationFailed;
    case Code.TokenRequestFailed:
    case Code.UsageUnknown:
      return ErrorCode.DependencyFailed;
    // A stored key that does not open is the operator's to fix (master key configuration), not the caller's.
    case Code.MasterKeyConfigInvalid:
    case Code.UnknownMasterKey:
    case Code.MasterKeyMismatch:
    case Code.SecretTampered:
    case Code.SealedFormatInvalid:
      return ErrorCode.Internal;
  }
}
