import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';

/** Where `nx run console:build` writes the web console, from the workspace (or image) root. */
export const CONSOLE_DIR = resolve('dist/apps/console');

/**
 * The console is static files: its own scripts and styles only, no inline code, and talks to this
 * API alone (`connect-src 'self'`). No `upgrade-insecure-requests`: in development the API is plain
 * http on loopback, and upgrading would break every asset.
 */
const consolePolicy = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
});

/**
 * The administrators' web console at `/console`: its built files, and `index.html` for any other path
 * under it (the console routes in the browser). Public like any static page: every call it makes to
 * `/api` carries the administrator's token or session and is checked there.
 */
export function serveConsole(app: INestApplication, dir = CONSOLE_DIR): void {
  const server = app as NestExpressApplication;
  const index = join(dir, 'index.html');
  server.use('/console', consolePolicy);
  server.use('/console', express.static(dir, { index: false, fallthrough: true, maxAge: '1h' }));
  server.use('/console', (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (!existsSync(index)) {
      response
        .status(404)
        .type('text/plain')
        .send('The console is not built: run `npx nx run console:build` and restart the admin API.');
      return;
    }
    response.setHeader('cache-control', 'no-cache');
    response.sendFile(index);
  });
}
