export type DirectoryReadFailure =
  /** 429s past the retries. */
  | 'throttled'
  /** 5xx, a cut connection or an unreadable page past the retries. */
  | 'unavailable'
  /** 401/403: the token or the consent is wrong; retrying will not help. */
  | 'denied'
  /** A chosen group does not exist (any more). */
  | 'not-found'
  /** The stored delta link expired (7 days) or was refused: a full read is due. */
  | 'delta-expired'
  /** No token: the credentials service or the credential failed. */
  | 'no-token'
  /** The service is stopping. */
  | 'interrupted';

/** The directory could not be read completely: the run that met it changes nothing. */
export class DirectoryReadError extends Error {
  constructor(
    readonly failure: DirectoryReadFailure,
    message: string,
    /** For `no-token`: false when the failure can pass by itself (throttling, a service not answering). */
    readonly options: { permanent: boolean } = { permanent: true },
  ) {
    super(message);
    this.name = 'DirectoryReadError';
  }
}
