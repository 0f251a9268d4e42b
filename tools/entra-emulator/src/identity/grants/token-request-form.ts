import type { Request } from 'express';

/** The token endpoint's form parameters (RFC 6749 section 4, RFC 7523, RFC 7636, RFC 8628). */
export interface TokenRequestForm {
  grantType?: string;
  clientId?: string;
  clientSecret?: string;
  clientAssertion?: string;
  clientAssertionType?: string;
  scope?: string;
  code?: string;
  redirectUri?: string;
  codeVerifier?: string;
  refreshToken?: string;
  deviceCode?: string;
  /** `client_info=1`: MSAL asks for the account's ids (uid.utid) with the tokens. */
  wantsClientInfo: boolean;
  /** The `Origin` header: set by browsers on cross-origin requests (single-page apps). */
  origin?: string;
}

/**
 * Reads the form body, and client_secret_basic credentials (RFC 6749 section 2.3.1: id and secret are
 * form-urlencoded before being joined and base64-encoded).
 */
export function readTokenRequestForm(req: Request): TokenRequestForm {
  const body: Record<string, unknown> =
    typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
  const field = (name: string): string | undefined => {
    const value = body[name];
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  };
  const basic = basicCredentials(req.headers.authorization);
  return {
    grantType: field('grant_type'),
    clientId: field('client_id') ?? basic?.clientId,
    clientSecret: field('client_secret') ?? basic?.clientSecret,
    clientAssertion: field('client_assertion'),
    clientAssertionType: field('client_assertion_type'),
    scope: field('scope'),
    code: field('code'),
    redirectUri: field('redirect_uri'),
    codeVerifier: field('code_verifier'),
    refreshToken: field('refresh_token'),
    deviceCode: field('device_code'),
    wantsClientInfo: field('client_info') === '1',
    origin: typeof req.headers.origin === 'string' ? req.headers.origin : undefined,
  };
}

function basicCredentials(
  header: string | undefined,
): { clientId: string; clientSecret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const decode = (value: string) => {
    try {
      return decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      return value;
    }
  };
  return { clientId: decode(decoded.slice(0, colon)), clientSecret: decode(decoded.slice(colon + 1)) };
}
