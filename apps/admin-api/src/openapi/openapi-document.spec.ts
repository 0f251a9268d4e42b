import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { loadConfig, processEnvironment } from '@archive365/config';
import { AdminApiConfig } from '../app/admin-api.config';
import { API_CONTROLLERS } from '../app/api.controllers';
import { adminApiService } from '../app/service.definition';
import { buildOpenApiDocument } from './openapi-document';

const COMMITTED = join(__dirname, '../../openapi.json');

/**
 * The committed OpenAPI document is the code's: this fails when a route or a DTO changed without it.
 * `npx nx run admin-api:openapi` writes it again.
 */
describe('the committed OpenAPI document', () => {
  it('matches the one generated from the controllers and DTOs', async () => {
    const config = loadConfig('admin-api', AdminApiConfig, {});
    // Preview mode builds the module graph without instantiating anything (no NATS, no database).
    const app = await NestFactory.create(adminApiService.createModule(config), {
      preview: true,
      logger: false,
    });
    const generated = JSON.parse(JSON.stringify(buildOpenApiDocument(app, API_CONTROLLERS))) as unknown;
    await app.close();
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
});
