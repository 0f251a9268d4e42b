import type { Request, RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { EmulatorStore } from '../store/store.types';
import type { FaultController } from './fault-controller';
import type { FaultRule } from './fault-rule';
import { faultTargetOf } from './fault-target';
import { AadstsError } from '../identity/errors/aadsts-error';
import { aadstsErrorBody } from '../identity/errors/aadsts-response';
import { requestOrigin } from '../shared/request-origin';

const SERVER_ERROR_CODES: Record<number, string> = {
  500: 'generalException',
  502: 'badGateway',
  503: 'serviceNotAvailable',
  504: 'gatewayTimeout',
};

/** Graph's error shape under `/v1.0`, the OAuth 2.0 error shape on the identity endpoints. */
function sendError(req: Request, res: Response, status: number, graphCode: string, message: string): void {
  const requestId = randomUUID();
  res.status(status).setHeader('request-id', requestId);
  if (req.originalUrl.startsWith('/v1.0')) {
    res.json({
      error: {
        code: graphCode,
        message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
          'request-id': requestId,
          'client-request-id': requestId,
        },
      },
    });
  } else {
    // Entra's shape, with AADSTS90055 (too many requests) or AADSTS90033 (a transient error).
    const error =
      status === 429
        ? new AadstsError(
            90055,
            'temporarily_unavailable',
            'There are too many incoming requests. Please try again later.',
          )
        : new AadstsError(
            90033,
            'temporarily_unavailable',
            'A transient error has occurred. Please try again.',
          );
    res.json(aadstsErrorBody(error, req, requestOrigin(req), Date.now()));
  }
}

/** Lets the handler write its reply, sends only the first bytes, then destroys the socket mid-body. */
function cutConnection(res: Response, rule: FaultRule): void {
  const originalEnd = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((chunk?: unknown, ...rest: unknown[]): Response => {
    if (chunk === undefined || typeof chunk === 'function') return originalEnd(chunk, ...rest);
    const body = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    const cut = Math.min(rule.cutAfterBytes ?? Math.floor(body.length / 2), body.length);
    // The full length is announced, so the client knows the body was cut short.
    res.setHeader('content-length', String(body.length));
    res.write(body.subarray(0, cut), () => setImmediate(() => res.socket?.destroy()));
    return res;
  }) as Response['end'];
}

/** Express middleware applying the controller's faults; `/_emulator` itself is never disturbed. */
export function createFaultMiddleware(faults: FaultController, store?: EmulatorStore): RequestHandler {
  return (req, res, next) => {
    if (req.originalUrl.startsWith('/_emulator')) return next();
    const rule = faults.decide(faultTargetOf(req, store));
    if (!rule) return next();
    switch (rule.kind) {
      case 'throttle': {
        const seconds = rule.retryAfterSeconds ?? 1;
        res.setHeader('Retry-After', String(seconds));
        return sendError(req, res, 429, 'TooManyRequests', 'Please retry again later.');
      }
      case 'serverError': {
        const status = rule.status ?? 503;
        return sendError(
          req,
          res,
          status,
          SERVER_ERROR_CODES[status] ?? 'generalException',
          `The service is temporarily unavailable (HTTP ${status} injected by the emulator).`,
        );
      }
      case 'delay': {
        setTimeout(next, rule.delayMs ?? 0);
        return;
      }
      case 'cutConnection': {
        cutConnection(res, rule);
        return next();
      }
    }
  };
}
