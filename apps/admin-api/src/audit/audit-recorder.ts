import { Injectable, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { stateOf } from '../auth/principal';
import { AuditLogStore } from './audit-log.repository';
import type { AuditOutcome } from './audit-event.entity';
import { loggableError } from '@archive365/messaging';

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
        actorName: recordable(principal?.name ?? 'anonymous', 200),
        action: recordable(state.action ?? `${request.method} ${request.path}`, 120),
        method: request.method,
        path: recordable(request.path, 500),
        instanceAlias: optionalRecordable(params['alias'] ?? state.instanceAlias, 63),
        targetId: optionalRecordable(params['id'], 64),
        sourceIp: recordable(request.ip ?? request.socket.remoteAddress ?? 'unknown', 64),
        userAgent: recordable(request.get('user-agent') ?? '', 300),
        status,
        outcome: outcomeOf(status),
        errorCode: (response.locals['errorCode'] as string | undefined) ?? null,
      });
    } catch (error) {
      // Without the statement's parameters: they hold what the caller sent.
      this.logger.error({ err: loggableError(error) }, 'Could not record an audit event');
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

// eslint-disable-next-line no-control-regex -- control characters are what is replaced
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * What the caller sent, made storable: a hostile path or header (a NUL, a line break) is still
 * recorded, with each control character shown as U+FFFD, instead of failing the insert.
 */
function recordable(value: string, maxLength: number): string {
  return value.replace(CONTROL, '\uFFFD').slice(0, maxLength);
}

function optionalRecordable(value: string | undefined, maxLength: number): string | null {
  return value === undefined ? null : recordable(value, maxLength);
}
