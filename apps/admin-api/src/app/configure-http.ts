import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { buildOpenApiDocument, serveOpenApi } from '../openapi/openapi-document';
import { API_CONTROLLERS } from './api.controllers';

/** The admin API's HTTP server before it listens: body limits and its OpenAPI description. */
export function configureAdminApiHttp(app: INestApplication): void {
  // Imports carry PEM or PFX files in JSON: room for them (the DTOs cap each field), not more.
  (app as NestExpressApplication).useBodyParser('json', { limit: '512kb' });
  serveOpenApi(app, buildOpenApiDocument(app, API_CONTROLLERS));
}
