import type { INestApplication, Type } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { PLATFORM_VERSION } from '@archive365/contracts';
import { SESSION_COOKIE } from '../auth/auth.constants';
import { describeDtoForOpenApi } from './describe-dtos';

/** Where the API's description is served: the interactive page, and the document itself. */
export const OPENAPI_UI_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = 'api/docs/openapi.json';

const PRIMITIVES = new Set<unknown>([String, Number, Boolean, Object, Array, Promise]);

/**
 * The OpenAPI document of the admin API, generated from its controllers and the DTOs they validate
 * with. The same function feeds `/api/docs` and the committed `apps/admin-api/openapi.json`.
 */
export function buildOpenApiDocument(app: INestApplication, controllers: Type[]): OpenAPIObject {
  for (const controller of controllers) describeParameterDtos(controller);
  const config = new DocumentBuilder()
    .setTitle('archive365 admin API')
    .setDescription(
      [
        "The administrators' API of archive365: archive instances, credentials, app registration,",
        'directory sync, runs, archive users, API tokens and the audit log.',
        '',
        'Authenticate with an API token (`Authorization: Bearer a365_...`) or the session cookie set by the',
        'Microsoft sign-in (`GET /api/auth/signin`). Errors are RFC 9457 problem details',
        '(`application/problem+json`) with `code`, `field`, `reason` and `hint`. An instance outside a',
        "token's scope is answered 404, as if it did not exist.",
      ].join('\n'),
    )
    .setVersion(PLATFORM_VERSION)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'an API token (a365_...)' }, 'token')
    .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }, 'session')
    .addSecurityRequirements('token')
    .addSecurityRequirements('session')
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
}

export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'archive365 admin API',
  });
}

/** Every class a route takes as its body, query or path parameters gets its schema from its rules. */
function describeParameterDtos(controller: Type): void {
  const prototype = controller.prototype as Record<string, unknown>;
  for (const method of Object.getOwnPropertyNames(prototype)) {
    if (method === 'constructor' || typeof prototype[method] !== 'function') continue;
    const types: unknown[] = Reflect.getMetadata('design:paramtypes', prototype, method) ?? [];
    for (const type of types) {
      if (typeof type === 'function' && !PRIMITIVES.has(type) && type.name !== 'Object') {
        describeDtoForOpenApi(type as new () => object);
      }
    }
  }
}
