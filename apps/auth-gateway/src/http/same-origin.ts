import type { Request } from 'express';
import { SignInError, SignInErrorCode } from '../errors/sign-in-error';

/**
 * State-changing requests (logout, redeeming a dialog result) must come from the instance's own pages:
 * Fetch Metadata (`Sec-Fetch-Site`) where the browser sends it, else `Origin`, which browsers send with
 * every POST. A request with neither is refused: browsers always send one of them on a POST.
 */
export function requireSameOrigin(request: Request, instanceOrigin: string): void {
  const site = request.get('sec-fetch-site');
  const origin = request.get('origin');
  if (site !== undefined && site !== 'same-origin') {
    throw new SignInError(SignInErrorCode.CrossSiteRequest, { internal: `Sec-Fetch-Site ${site}` });
  }
  if (origin !== undefined ? origin !== instanceOrigin : site === undefined) {
    throw new SignInError(SignInErrorCode.CrossSiteRequest, { internal: `Origin ${origin ?? 'missing'}` });
  }
}
