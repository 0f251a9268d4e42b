import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { jsonOnly } from './json-only.middleware';

/**
 * Applied at bootstrap, before any route: no framework banner (`X-Powered-By`), the security headers
 * of helmet (an API sends no HTML, so the strictest defaults fit), and JSON bodies only.
 */
export function hardenHttp(app: INestApplication): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  express.use(helmet());
  express.use(jsonOnly);
  // Imports carry PEM or PFX files in JSON: room for them (the DTOs cap each field), not more.
  express.useBodyParser('json', { limit: '512kb' });
}
