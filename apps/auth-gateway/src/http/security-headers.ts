import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { AuthGatewayConfig } from '../app/auth-gateway.config';
import { OFFICE_JS } from '../addin/addin-pages';

/** Outlook on the web and new Outlook frame the task pane from these origins. */
const OFFICE_FRAME_ANCESTORS = [
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook.live.com',
  'https://*.officeapps.live.com',
  'https://*.office.com',
];

/**
 * Security headers for every response: helmet's defaults (HSTS, nosniff, no referrer, ...), a strict CSP
 * without inline scripts, no caching. Every page refuses framing and isolates its browsing context
 * (COOP same-origin), except the add-in's pages: Outlook frames the task pane, and the Office dialog
 * API stops working with `Cross-Origin-Opener-Policy: same-origin` on the dialog's pages. The dialog
 * passes through login and the redirect URI too, and a window that once loaded a COOP same-origin page
 * has lost its opener for good, so those two send none either (they only redirect).
 */
export function applySecurityHeaders(app: NestExpressApplication, config: AuthGatewayConfig): void {
  app.set('trust proxy', /^\d+$/.test(config.TRUST_PROXY) ? Number(config.TRUST_PROXY) : config.TRUST_PROXY);
  app.disable('x-powered-by');
  app.use(cookieParser());
  const common = helmetHeaders();
  const scriptSources = `'self' ${new URL(OFFICE_JS).origin}`;
  const connectSources = `'self' ${config.ENTRA_AUTHORITY_HOST}`;
  const policy = (frameAncestors: string) =>
    `default-src 'none'; script-src ${scriptSources}; style-src 'unsafe-inline'; img-src 'self' data:; ` +
    `connect-src ${connectSources}; form-action 'self'; base-uri 'none'; frame-ancestors ${frameAncestors}`;
  // The same few header sets for every response, built once.
  const addinPages = [...common, ['Content-Security-Policy', policy(OFFICE_FRAME_ANCESTORS.join(' '))]];
  const dialogChain = [...common, ['Content-Security-Policy', policy("'none'")], ['X-Frame-Options', 'DENY']];
  const otherPages = [...dialogChain, ['Cross-Origin-Opener-Policy', 'same-origin']];
  for (const headers of [addinPages, dialogChain, otherPages]) headers.push(['Cache-Control', 'no-store']);
  app.use((request: Request, response: Response, next: NextFunction) => {
    const headers = /^\/[^/]+\/addin\//.test(request.path)
      ? addinPages
      : /^\/[^/]+\/oidc\/(login|signin)$/.test(request.path)
        ? dialogChain
        : otherPages;
    for (const [name, value] of headers) response.setHeader(name, value);
    next();
  });
}

/**
 * helmet's headers (its defaults: HSTS, nosniff, no referrer, ...; CSP, COOP and framing are ours), recorded
 * once from helmet itself: they do not depend on the request, and setting them through its chain of
 * eleven middleware on every response cost more than the headers.
 */
function helmetHeaders(): [string, string][] {
  const recorded: [string, string][] = [];
  const recorder = {
    setHeader: (name: string, value: unknown) => recorded.push([name, String(value)]),
    removeHeader: () => undefined,
  };
  helmet({
    contentSecurityPolicy: false,
    crossOriginOpenerPolicy: false,
    frameguard: false,
    referrerPolicy: { policy: 'no-referrer' },
  })({} as never, recorder as never, () => undefined);
  return recorded;
}
