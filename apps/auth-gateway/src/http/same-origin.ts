import type { Request } from 'express';
import { SignInError, SignInErrorCode } from '../errors/sign-in-error';

/**
 * State-changing requests (logout, redeeming a dialog result) must come from the instance's own pages.
 * Fetch Metadata (`Sec-Fetch-Site`) decides where the browser sends it; browsers without it are judged by
 * `Origin`, which they send with every POST. With neither, the request is refused. (Our pages send no
 * referrer, so Chromium's form posts carry `Origin: null`: Fetch Metadata is what identifies them.)
 */
export function requireSameOrigin(request: Request, instanceOrigin: string): void {
  const site = request.get('sec-fetch-site');
  const origin = request.get('origin');
  if (site !== undefined) {
    if (site !== 'same-origin' || (origin !== undefined && origin !== 'null' && origin !== instanceOrigin)) {
      throw new SignInError(SignInErrorCode.CrossSiteRequest, { internal: `Sec-Fetch-Site ${site}` });
    }
    return;
  }
  if (origin !== instanceOrigin) {
    throw new SignInError(SignInErrorCode.CrossSiteRequest, { internal: `Origin ${origin ?? 'missing'}` });
  }
}
