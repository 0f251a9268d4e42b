import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { createIdentityControlRouter } from '../control/identity-control.router';
import { createIdentityRouter } from '../identity/identity.router';
import type { IdentityContext } from '../identity/identity-context';

export interface EmulatorAppParts {
  identity: IdentityContext;
  /** Microsoft Graph, mounted at `/v1.0`. */
  graphRouter?: express.Router;
  /** The directory half's control API, mounted at `/_emulator`. */
  directoryControlRouter?: express.Router;
  /** Fault injection, in front of Graph and of the token endpoint. */
  faults?: RequestHandler;
  /** Exchange Web Services (`/EWS/Exchange.asmx`). */
  ewsRouter?: express.Router;
  /** `/oidc/userinfo`. */
  userinfoRouter?: express.Router;
  /** Counts requests before anything else sees them. */
  countRequests?: RequestHandler;
}

/** The emulator's Express application: Graph, the identity endpoints and the control API. */
export function createEmulatorApp(parts: EmulatorAppParts): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  if (parts.countRequests) app.use(parts.countRequests);
  app.use('/_emulator', express.json({ limit: '50mb' }), createIdentityControlRouter(parts.identity));
  if (parts.directoryControlRouter) app.use('/_emulator', parts.directoryControlRouter);
  if (parts.graphRouter) app.use('/v1.0', ...(parts.faults ? [parts.faults] : []), parts.graphRouter);
  if (parts.ewsRouter) app.use(parts.ewsRouter);
  if (parts.userinfoRouter) app.use(parts.userinfoRouter);
  app.use(createIdentityRouter(parts.identity, parts.faults));
  app.use((req, res) => {
    res.status(404).json({
      error: 'not_found',
      error_description: `The emulator has no endpoint ${req.method} ${req.path}.`,
    });
  });
  app.use(unexpectedErrorHandler);
  return app;
}

/** Last resort: a generic 500 without internals (no stack, no request data that might hold a secret). */
const unexpectedErrorHandler: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  const status =
    typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
      ? error.status
      : 500;
  if (status >= 500)
    process.stderr.write(
      `entra-emulator: unexpected error: ${error instanceof Error ? error.name + ': ' + error.message : 'unknown'}\n`,
    );
  if (res.headersSent) return;
  const clientError = status >= 400 && status < 500;
  res.status(clientError ? status : 500).json({
    error: clientError ? 'invalid_request' : 'server_error',
    error_description: clientError
      ? 'The request could not be read: check its content type and body.'
      : 'The emulator failed unexpectedly.',
  });
};
