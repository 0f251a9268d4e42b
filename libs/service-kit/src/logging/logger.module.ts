import { RequestMethod, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { LogLevel } from '@archive365/config';

/**
 * Paths pino blanks out wherever they appear: a secret that slips into a log call still never
 * reaches the output.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.privateKey',
  '*.privateKeyPem',
  '*.pfx',
  '*.accessToken',
  '*.access_token',
  '*.refreshToken',
  '*.clientAssertion',
  '*.client_assertion',
  '*.masterKey',
];

/** Structured JSON logs (one object per line) with the service name on every line. */
export function structuredLogging(serviceName: string, level: LogLevel): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      level,
      name: serviceName,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Health probes run every few seconds; logging each one drowns the useful lines.
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
    },
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
  });
}
