import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig, processEnvironment } from '@archive365/config';
import { AdminApiConfig } from '../app/admin-api.config';
import { API_CONTROLLERS } from '../app/api.controllers';
import { adminApiService } from '../app/service.definition';
import { buildOpenApiDocument } from './openapi-document';

const COMMITTED = join(__dirname, '../../openapi.json');

interface Response {
  description?: string;
  content?: Record<string, { schema?: { $ref?: string; type?: string } }>;
}

/** Every operation of the document, as `METHOD path` and its responses by status. */
function operationsOf(document: OpenAPIObject): [string, Record<string, Response>][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, { responses?: Record<string, Response> }>).map(
      ([method, operation]): [string, Record<string, Response>] => [
        `${method.toUpperCase()} ${path}`,
        operation.responses ?? {},
      ],
    ),
  );
}

/**
 * The committed OpenAPI document is the code's: this fails when a route or a DTO changed without it.
 * `npx nx run admin-api:openapi` writes it again.
 */
describe('the OpenAPI document', () => {
  let generated: OpenAPIObject;

  beforeAll(async () => {
    const config = loadConfig('admin-api', AdminApiConfig, {});
    // Preview mode builds the module graph without instantiating anything (no NATS, no database).
    const app = await NestFactory.create(adminApiService.createModule(config), {
      preview: true,
      logger: false,
    });
    generated = JSON.parse(JSON.stringify(buildOpenApiDocument(app, API_CONTROLLERS))) as OpenAPIObject;
    await app.close();
  });

  it('matches the committed one, generated from the controllers and DTOs', () => {
    if (processEnvironment()['OPENAPI_WRITE'] === '1') {
      writeFileSync(COMMITTED, `${JSON.stringify(generated, null, 2)}\n`);
    }
    expect(existsSync(COMMITTED)).toBe(true);
    const committed = JSON.parse(readFileSync(COMMITTED, 'utf8')) as unknown;
    if (!isDeepStrictEqual(committed, generated)) {
      throw new Error(
        'apps/admin-api/openapi.json is out of date: run `npx nx run admin-api:openapi` and commit it',
      );
    }
    expect(committed).toEqual(generated);
  });

  it('documents the body of every success: a 2xx with a schema (or, for a redirect, only where it goes)', () => {
    const undocumented = operationsOf(generated).filter(([, responses]) => {
      const statuses = Object.keys(responses);
      const successes = statuses.filter((status) => /^2\d\d$/.test(status));
      if (successes.length === 0) {
        const redirects = statuses.filter((status) => /^3\d\d$/.test(status));
        return redirects.length === 0 || redirects.some((status) => !responses[status].description);
      }
      return successes.some((status) => {
        const content = Object.values(responses[status].content ?? {});
        return content.length === 0 || content.some((media) => !media.schema?.$ref && !media.schema?.type);
      });
    });
    expect(undocumented.map(([operation]) => operation)).toEqual([]);
  });

  it('documents the failures of every admin API route as problem details', () => {
    const problem = { schema: { $ref: '#/components/schemas/ProblemDetails' } };
    const routes = operationsOf(generated).filter(([operation]) => operation.includes(' /api/'));
    expect(routes.length).toBeGreaterThan(50);
    for (const [operation, responses] of routes) {
      for (const status of ['4XX', '5XX']) {
        expect({ operation, status, content: responses[status]?.content }).toEqual({
          operation,
          status,
          content: { 'application/problem+json': problem },
        });
      }
    }
    const schemas = generated.components?.schemas ?? {};
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['ProblemDetails', 'ServiceHealth']));
  });
});
