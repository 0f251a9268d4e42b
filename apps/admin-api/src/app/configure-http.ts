import type { INestApplication } from '@nestjs/common';
import { AuditRecorder } from '../audit/audit-recorder';
import { serveConsole } from '../console/serve-console';
import { hardenHttp } from '../http/harden-http';
import { buildOpenApiDocument, serveOpenApi } from '../openapi/openapi-document';
import { API_CONTROLLERS } from './api.controllers';

/** The admin API's HTTP server before it listens: the audit log, the hardening (headers, JSON only, body limits) and the OpenAPI description. */
export function configureAdminApiHttp(app: INestApplication): void {
  // First, so that even a body refused by the parser below is in the audit log.
  app.use(app.get(AuditRecorder).middleware);
  // No banner, security headers, JSON bodies only (with their size limit).
  hardenHttp(app);
  serveOpenApi(app, buildOpenApiDocument(app, API_CONTROLLERS));
  // The administrators' web console (static files) at /console.
  serveConsole(app);
}
