export enum RotationErrorCode {
  ROTATION_ALREADY_PENDING = 'ROTATION_ALREADY_PENDING',
  CERTIFICATE_NOT_FOUND = 'CERTIFICATE_NOT_FOUND',
  DUPLICATE_CERTIFICATE_ID = 'DUPLICATE_CERTIFICATE_ID',
  NOT_PROVEN = 'NOT_PROVEN',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
}

/** A rotation step that is not allowed in the credential's current state; the message says why and what to do. */
export class RotationError extends Error {
  constructor(
    readonly code: RotationErrorCode,
    message: string,
    readonly certificateId?: string,
  ) {
    super(message);
    this.name = 'RotationError';
  }
}
