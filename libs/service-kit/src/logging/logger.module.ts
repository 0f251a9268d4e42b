import { RequestMethod, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { LogLevel } from '@archive365/config';
import { redactQuery, redactUrl } from './redact-url';

/** Field names that hold a secret somewhere in our payloads. */
const SECRET_FIELDS = [
  'password',
  'privateKey',
  'privateKeyPem',
  'privateKeyPassphrase',
  'pfx',
  'pfxBase64',
  'pfxPassword',
  'sealedPrivateKey',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'token',
  'clientAssertion',
  'client_assertion',
  'clientSecret',
  'masterKey',
];

/**
 * Paths pino blanks out: the secret fields at the top of a log object and up to two levels down
 * (pino's `*` matches exactly one level), and the HTTP headers that carry credentials. Logging a
 * whole request body is still a mistake; this is the net under it.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
];

/** What pino-http logs of a request and a response (after its standard serializers). */
interface LoggedRequest {
  url?: string;
  query?: unknown;
}
interface LoggedResponse {
  headers?: Record<string, unknown>;
}

/**
 * URLs are logged with the secret query parameters of a sign-in redirect blanked (an OIDC callback
 * carries the one-time `code` and the `state`); path redaction cannot reach inside a URL string.
 * The redirect a sign-in answers with carries the `state` too, in its `Location` header.
 */
export const URL_REDACTING_SERIALIZERS = {
  req: (req: LoggedRequest): LoggedRequest => {
    if (typeof req.url === 'string') req.url = redactUrl(req.url);
    if (req.query !== undefined) req.query = redactQuery(req.query);
    return req;
  },
  res: (res: LoggedResponse): LoggedResponse => {
    const location = res.headers?.['location'];
    if (typeof location === 'string') res.headers = { ...res.headers, location: redactUrl(location) };
    return res;
  },
};

/** The pino-http options of every service. */
export function httpLogOptions(serviceName: string, level: LogLevel) {
  return {
    level,
    name: serviceName,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: URL_REDACTING_SERIALIZERS,
    // Probes and scrapes run every few seconds; logging each one drowns the useful lines.
    autoLogging: { ignore: (req: { url?: string }) => /^\/(health|metrics)\b/.test(req.url ?? '') },
  };
}

/** Structured JSON logs (one object per line) with the service name on every line. */
export function structuredLogging(serviceName: string, level: LogLevel): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: httpLogOptions(serviceName, level),
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
  });
}
