import { randomBytes } from 'node:crypto';
import type { ExtraCaTrust } from '../platform/trust-ca';

export type ProbeAnswer =
  | { kind: 'sign-in-page' }
  /** Microsoft's own error page (never sent to the app: unknown app, unregistered redirect URI). */
  | { kind: 'error-page'; aadsts: string }
  /** An error sent back to the registered redirect URI. */
  | { kind: 'error-redirect'; aadsts: string; error: string }
  | { kind: 'unexpected'; status: number };

export interface ProbeRequest {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  redirectUri: string;
  responseType: 'code' | 'id_token';
  scope?: string;
}

/**
 * Asks Microsoft's authorize endpoint what a user would see, without signing anyone in: Entra checks
 * the app, the redirect URI and the response type before it shows the sign-in page. A redirect URI
 * mismatch (AADSTS50011) shows on Microsoft's error page; ID tokens not enabled (AADSTS700054) goes
 * back to the redirect URI (Microsoft Learn: OpenID Connect on the Microsoft identity platform).
 */
export async function probeAuthorize(trust: ExtraCaTrust, request: ProbeRequest): Promise<ProbeAnswer> {
  const url = new URL(
    `${request.authorityHost.replace(/\/+$/, '')}/${request.tenantId}/oauth2/v2.0/authorize`,
  );
  url.search = new URLSearchParams({
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    response_type: request.responseType,
    scope: request.scope ?? 'openid profile',
    state: randomBytes(8).toString('hex'),
    ...(request.responseType === 'id_token'
      ? { response_mode: 'fragment', nonce: randomBytes(8).toString('hex') }
      : {
          response_mode: 'query',
          code_challenge: randomBytes(32).toString('base64url'),
          code_challenge_method: 'S256',
        }),
  }).toString();
  const response = await trust.fetch(url.toString(), { redirect: 'manual' });
  const body = await response.text();
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get('location') ?? '';
    const answer = new URLSearchParams(location.split('#')[1] ?? location.split('?')[1] ?? '');
    const error = answer.get('error');
    if (error) {
      return {
        kind: 'error-redirect',
        error,
        aadsts: /AADSTS\d+/.exec(answer.get('error_description') ?? '')?.[0] ?? error,
      };
    }
    return { kind: 'unexpected', status: response.status };
  }
  const shown = /AADSTS\d+/.exec(body)?.[0];
  if (response.status >= 400 && shown) return { kind: 'error-page', aadsts: shown };
  // A form_post answer page carries the error in a hidden field.
  if (shown && /name="error"/.test(body))
    return { kind: 'error-redirect', aadsts: shown, error: 'form_post' };
  if (response.status === 200) return { kind: 'sign-in-page' };
  return { kind: 'unexpected', status: response.status };
}
