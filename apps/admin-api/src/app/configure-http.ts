import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AuditRecorder } from '../audit/audit-recorder';
import { buildOpenApiDocument, serveOpenApi } from '../openapi/openapi-document';
import { API_CONTROLLERS } from './api.controllers';

/** The admin API's HTTP server before it listens: the audit log, body limits and the OpenAPI description. */
export function configureAdminApiHttp(app: INestApplication): void {
  // First, so that even a body refused by the parser below is in the audit log.
  app.use(app.get(AuditRecorder).middleware);
  // Imports carry PEM or PFX files in JSON: room for them (the DTOs cap each field), not more.
  (app as NestExpressApplication).useBodyParser('json', { limit: '512kb' });
  serveOpenApi(app, buildOpenApiDocument(app, API_CONTROLLERS));
}
