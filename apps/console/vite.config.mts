import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the admin API at /console (same origin as /api, so no CORS and the session cookie works).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/console', import.meta.url)),
    emptyOutDir: true,
    // No inline scripts or data: modules: the admin API's CSP allows the console's own files only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
