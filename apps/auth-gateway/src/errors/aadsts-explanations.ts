import { SignInErrorCode } from './sign-in-error';

export interface MicrosoftErrorExplanation {
  /** The refusal family it belongs to (consent missing gets its own page). */
  code: SignInErrorCode;
  /** The AADSTS code, e.g. `AADSTS65001`, when Microsoft sent one. */
  aadsts?: string;
  /** Plain words for the user and the administrator. */
  explanation: string;
}

/**
 * Microsoft's error redirects (`error`, `error_description: "AADSTSnnnnn: ..."`) in plain words. Codes
 * from Microsoft Learn "Microsoft Entra authentication and authorization error codes". Microsoft's own
 * description is not echoed: it is attacker-controllable on our redirect URI, and it is for developers.
 */
const EXPLANATIONS: Record<string, string> = {
  AADSTS65001: 'The archive app has not been granted consent in your organization.',
  AADSTS65004: 'You declined to give the archive app the permissions it asked for.',
  AADSTS90094: 'An administrator must grant consent to the archive app first.',
  AADSTS700054:
    'The app registration does not allow ID tokens. Administrators: enable "ID tokens" under Authentication, or switch the instance to the authorization code flow.',
  AADSTS700016: "The archive's app registration does not exist in your organization's directory.",
  AADSTS50105: 'Your account is not assigned to the archive app. Ask your administrator to assign you.',
  AADSTS50057: 'Your Microsoft 365 account is disabled.',
  AADSTS50020: "This account is from another organization and is not a member of the archive's organization.",
  AADSTS90072: "This account is from another organization and is not a member of the archive's organization.",
  AADSTS50058: 'You are not signed in to Microsoft 365 in this browser; sign in interactively.',
  AADSTS50076: 'Your organization requires multi-factor authentication for this sign-in.',
  AADSTS53003: "Your organization's Conditional Access policies blocked this sign-in.",
  AADSTS7000112: 'The archive app is disabled in your organization.',
};

const AADSTS_CODE = /^(AADSTS\d{5,7})\b/;

/** Understands `error` and `error_description` as Microsoft sends them back to the redirect URI. */
export function explainMicrosoftError(
  error: string,
  description: string | undefined,
): MicrosoftErrorExplanation {
  const aadsts = AADSTS_CODE.exec(description ?? '')?.[1];
  if (aadsts === 'AADSTS65001' || aadsts === 'AADSTS90094' || error === 'consent_required') {
    return { code: SignInErrorCode.ConsentMissing, aadsts, explanation: EXPLANATIONS['AADSTS65001'] };
  }
  const known = aadsts ? EXPLANATIONS[aadsts] : undefined;
  return {
    code: SignInErrorCode.MicrosoftRefused,
    aadsts,
    explanation:
      known ??
      (error === 'access_denied'
        ? 'The sign-in was cancelled or denied.'
        : 'Microsoft could not complete the sign-in.'),
  };
}
