import { RequestMethod, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { LogLevel } from '@archive365/config';

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

/** Structured JSON logs (one object per line) with the service name on every line. */
export function structuredLogging(serviceName: string, level: LogLevel): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      level,
      name: serviceName,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Probes and scrapes run every few seconds; logging each one drowns the useful lines.
      autoLogging: { ignore: (req) => /^\/(health|metrics)\b/.test(req.url ?? '') },
    },
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
  });
}
