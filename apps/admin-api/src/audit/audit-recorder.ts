import { Injectable, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { stateOf } from '../auth/principal';
import { AuditLogStore } from './audit-log.store';
import type { AuditOutcome } from './audit-event.entity';

/** Reads change nothing; everything else is a change (or an attempt at one) and is recorded. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Records every change attempted through the API once its answer is sent: who (the principal the
 * guard recognised), what (the route's operation and target), when, from where (address and user
 * agent), and the outcome (status and error code). Installed before the body parser, so refusals of
 * oversized or malformed bodies are recorded too.
 */
@Injectable()
export class AuditRecorder {
  private readonly logger = new Logger(AuditRecorder.name);

  constructor(private readonly log: AuditLogStore) {}

  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    if (!READS.has(request.method) || isSignInRedirect(request)) {
      response.on('finish', () => void this.record(request, response));
    }
    next();
  };

  private async record(request: Request, response: Response): Promise<void> {
    const state = stateOf(request);
    const principal = state.principal;
    const status = response.statusCode;
    const params: Record<string, string | undefined> = state.params ?? {};
    try {
      await this.log.append({
        at: new Date().toISOString(),
        actorKind: principal?.kind ?? 'anonymous',
        actorId: principal?.id ?? null,
        actorName: (principal?.name ?? 'anonymous').slice(0, 200),
        action: (state.action ?? `${request.method} ${request.path}`).slice(0, 120),
        method: request.method,
        path: request.path.slice(0, 500),
        instanceAlias: params['alias']?.slice(0, 63) ?? state.instanceAlias ?? null,
        targetId: params['id']?.slice(0, 64) ?? null,
        sourceIp: (request.ip ?? request.socket.remoteAddress ?? 'unknown').slice(0, 64),
        userAgent: (request.get('user-agent') ?? '').slice(0, 300),
        status,
        outcome: outcomeOf(status),
        errorCode: (response.locals['errorCode'] as string | undefined) ?? null,
      });
    } catch (error) {
      this.logger.error({ err: error, path: request.path }, 'Could not record an audit event');
    }
  }
}

function outcomeOf(status: number): AuditOutcome {
  if (status < 400) return 'succeeded';
  if (status < 500) return 'refused';
  return 'failed';
}

/** GETs that change something: the sign-in callback (a session) and the admin consent callback (a setup). */
const CHANGING_GETS = new Set(['/api/auth/callback', '/api/setup/consent/callback']);

function isSignInRedirect(request: Request): boolean {
  return CHANGING_GETS.has(request.path);
}
