import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { GlobalRoute } from '../auth/route-access.decorator';
import { pageBounds, type Page } from '../pagination/page';
import type { AuditEvent } from './audit-event.entity';
import { AuditFilterQuery, AuditPageQuery, type AuditEventView } from './audit-http.dto';
import { AuditLogStore, type AuditFilter } from './audit-log.repository';
import { AuditPage } from './audit-http.replies';
import { ProblemResponses } from '../openapi/problem-responses';

/** The audit log: every change made through the API. Reading it needs every instance in scope. */
@ProblemResponses()
@Controller('api/audit')
@GlobalRoute()
export class AuditController {
  constructor(private readonly log: AuditLogStore) {}

  /** Newest first. */
  @Get()
  @ApiOkResponse({ type: AuditPage })
  async list(@Query() query: AuditPageQuery): Promise<Page<AuditEventView>> {
    const { limit, offset } = pageBounds(query);
    const [events, total] = await this.log.page(filterOf(query), limit, offset);
    return { items: events.map(toView), total, limit, offset };
  }

  /** The whole log (or the filtered part), oldest first, as JSON lines (one event a line). */
  @Get('export')
  @ApiOkResponse({
    description: 'JSON lines: one `AuditEventView` a line, oldest first',
    content: { 'application/x-ndjson': { schema: { type: 'string' } } },
  })
  async export(@Query() query: AuditFilterQuery, @Res() response: Response): Promise<void> {
    response
      .status(200)
      .type('application/x-ndjson')
      .setHeader('Content-Disposition', 'attachment; filename="audit-log.jsonl"');
    for await (const event of this.log.stream(filterOf(query))) {
      if (!response.write(`${JSON.stringify(toView(event))}\n`)) {
        await new Promise((resolve) => response.once('drain', resolve));
      }
    }
    response.end();
  }
}

function filterOf(query: AuditFilterQuery): AuditFilter {
  // Stored as toISOString() (UTC, milliseconds): bounds in the same form compare as the instants they name.
  const iso = (value?: string) => (value ? new Date(value).toISOString() : undefined);
  return { instanceAlias: query.instance, action: query.action, from: iso(query.from), to: iso(query.to) };
}

function toView(event: AuditEvent): AuditEventView {
  return {
    id: event.id,
    at: event.at,
    actor: { kind: event.actorKind, id: event.actorId, name: event.actorName },
    action: event.action,
    method: event.method,
    path: event.path,
    instance: event.instanceAlias,
    targetId: event.targetId,
    source: { ip: event.sourceIp, userAgent: event.userAgent },
    status: event.status,
    outcome: event.outcome,
    errorCode: event.errorCode,
  };
}
