import { SignInErrorCode } from './sign-in-error';

export interface RefusalText {
  status: number;
  title: string;
  /** What happened, in plain words, for the user. */
  message: string;
  /** What to do about it (often: what the administrator should do). */
  hint: string;
}

/** The words and HTTP status for each refusal; exhaustive so a new code cannot ship without its text. */
export function refusalText(code: SignInErrorCode): RefusalText {
  switch (code) {
    case SignInErrorCode.NotAvailable:
      return {
        status: 404,
        title: 'Sign-in is not available here',
        message: 'There is no archive with Microsoft 365 sign-in at this address.',
        hint: 'Check the address you were given. Administrators: set up sign-in for the instance first.',
      };
    case SignInErrorCode.InvalidRequest:
      return {
        status: 400,
        title: 'This sign-in link is not valid',
        message: 'The request was incomplete or contained a value the archive does not accept.',
        hint: 'Start again from the archive or the Outlook add-in.',
      };
    case SignInErrorCode.SignInExpired:
      return {
        status: 400,
        title: 'This sign-in has expired',
        message: 'The sign-in took too long, was already completed, or the page was reloaded.',
        hint: 'Start the sign-in again.',
      };
    case SignInErrorCode.BrowserMismatch:
      return {
        status: 400,
        title: 'Sign-in finished in another browser',
        message: 'The answer from Microsoft did not come back to the browser that started the sign-in.',
        hint: 'Start the sign-in again in this browser, and allow cookies for the archive.',
      };
    case SignInErrorCode.TokenRejected:
      return {
        status: 401,
        title: 'Your sign-in could not be verified',
        message: 'The archive could not verify the answer from Microsoft, so it did not sign you in.',
        hint: 'Start the sign-in again. If it keeps happening, tell your administrator the time it happened.',
      };
    case SignInErrorCode.WrongTenant:
      return {
        status: 403,
        title: 'This account belongs to another organization',
        message:
          'You signed in with a Microsoft 365 account from an organization this archive does not serve.',
        hint: "Sign in with your organization's work account. Administrators: check the instance's tenant ID.",
      };
    case SignInErrorCode.NotSynchronized:
      return {
        status: 403,
        title: 'You do not have an archive account yet',
        message: 'Your Microsoft 365 account is not among the users synchronized to this archive.',
        hint: "Ask your administrator to include you in the archive's user synchronization (filter or group) and run it.",
      };
    case SignInErrorCode.Disabled:
      return {
        status: 403,
        title: 'Your archive account is disabled',
        message:
          'Your archive account exists but may not sign in (for example after leaving the organization).',
        hint: 'Ask your administrator to enable your archive login.',
      };
    case SignInErrorCode.ConsentMissing:
      return {
        status: 403,
        title: 'The archive app has not been approved in your organization',
        message:
          'Microsoft needs an administrator to grant consent to the archive app before users can sign in.',
        hint: 'Administrators: grant admin consent to the app registration in Entra ID (API permissions).',
      };
    case SignInErrorCode.MicrosoftRefused:
      return {
        status: 400,
        title: 'Microsoft did not sign you in',
        message: 'Microsoft ended the sign-in with an error.',
        hint: 'Start the sign-in again; if it happens again, give your administrator the code below.',
      };
    case SignInErrorCode.DependencyFailed:
      return {
        status: 502,
        title: 'Sign-in is unavailable right now',
        message: 'A service the sign-in needs did not answer.',
        hint: 'Try again in a minute.',
      };
    case SignInErrorCode.RateLimited:
      return {
        status: 429,
        title: 'Too many sign-in attempts',
        message: 'There were too many sign-in attempts from your network in a short time.',
        hint: 'Wait a minute and try again.',
      };
    case SignInErrorCode.NotSignedIn:
      return {
        status: 401,
        title: 'You are not signed in',
        message: 'There is no archive session in this browser.',
        hint: 'Sign in first.',
      };
    case SignInErrorCode.CrossSiteRequest:
      return {
        status: 403,
        title: 'Request refused',
        message: 'This action can only be started from the archive itself.',
        hint: 'Use the sign-out button in the archive.',
      };
  }
}
