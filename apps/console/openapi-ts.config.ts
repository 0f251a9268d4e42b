import { defineConfig } from '@hey-api/openapi-ts';

// The console's API client is generated from the admin API's committed OpenAPI document, so a route or
// field the API no longer has fails the console's typecheck instead of a page at run time.
export default defineConfig({
  input: 'apps/admin-api/openapi.json',
  output: { path: 'apps/console/src/api/generated', postProcess: ['prettier'] },
  plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'],
});
