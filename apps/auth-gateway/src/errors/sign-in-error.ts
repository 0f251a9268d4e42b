/** Why the gateway refused or could not complete a sign-in (the one error family of this service). */
export enum SignInErrorCode {
  /** Unknown alias, or an instance without sign-in settings: answered alike, so aliases cannot be probed. */
  NotAvailable = 'NOT_AVAILABLE',
  InvalidRequest = 'INVALID_REQUEST',
  /** State unknown, used, or too old (the sign-in took too long or the page was reloaded). */
  SignInExpired = 'SIGN_IN_EXPIRED',
  /** The response did not come back to the browser that started the sign-in. */
  BrowserMismatch = 'BROWSER_MISMATCH',
  /** A token failed validation (the failed check is logged, not shown). */
  TokenRejected = 'TOKEN_REJECTED',
  WrongTenant = 'WRONG_TENANT',
  NotSynchronized = 'NOT_SYNCHRONIZED',
  Disabled = 'DISABLED',
  ConsentMissing = 'CONSENT_MISSING',
  /** Microsoft answered with `error` / `error_description` (AADSTS codes). */
  MicrosoftRefused = 'MICROSOFT_REFUSED',
  /** Microsoft, the credentials service or directory sync did not answer. */
  DependencyFailed = 'DEPENDENCY_FAILED',
  RateLimited = 'RATE_LIMITED',
  NotSignedIn = 'NOT_SIGNED_IN',
  CrossSiteRequest = 'CROSS_SITE_REQUEST',
}

export interface SignInErrorDetails {
  /** Microsoft's error code (`AADSTS65001`) when the refusal came from Microsoft. */
  aadsts?: string;
  /** Microsoft's error in plain words (from our own table, never Microsoft's text echoed). */
  explanation?: string;
  /** Request field at fault. */
  field?: string;
  /** Private detail for the logs (never shown): the failed check, the dependency's error. */
  internal?: string;
}

export class SignInError extends Error {
  constructor(
    readonly code: SignInErrorCode,
    readonly details: SignInErrorDetails = {},
  ) {
    super(details.internal ? `${code}: ${details.internal}` : code);
    this.name = 'SignInError';
  }
}
