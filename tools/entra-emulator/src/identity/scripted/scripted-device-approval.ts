import { shownErrorCode } from './page-fields';

export interface DeviceApprovalOptions {
  /** `verification_uri` from the device code response. */
  verificationUri: string;
  userCode: string;
  userPrincipalName: string;
  password: string;
  /** Cancel instead of signing in (the client then gets `authorization_declined`). */
  decline?: boolean;
  /** A fetch that trusts the emulator's CA (default: the global fetch). */
  fetch?: typeof fetch;
}

export type DeviceApprovalResult =
  { outcome: 'approved' | 'declined' } | { outcome: 'failed'; errorCode?: number };

/**
 * The user's half of the device code flow on the emulator's pages: enter the code, then sign in (or
 * cancel). Call it from `DeviceCodeCredential`'s `userPromptCallback` in tests.
 */
export async function approveDeviceCode(options: DeviceApprovalOptions): Promise<DeviceApprovalResult> {
  const request = options.fetch ?? fetch;
  const post = (url: string, form: Record<string, string>) =>
    request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
  const codePage = await post(options.verificationUri, { otc: options.userCode });
  const codeHtml = await codePage.text();
  if (codePage.status !== 200) return { outcome: 'failed', errorCode: shownErrorCode(codeHtml) };
  const done = await post(`${options.verificationUri}/signin`, {
    user_code: options.userCode,
    login: options.userPrincipalName,
    passwd: options.password,
    action: options.decline ? 'decline' : 'signin',
  });
  const doneHtml = await done.text();
  const outcome = /data-outcome="(approved|declined)"/.exec(doneHtml)?.[1];
  if (outcome === 'approved' || outcome === 'declined') return { outcome };
  return { outcome: 'failed', errorCode: shownErrorCode(doneHtml) };
}
