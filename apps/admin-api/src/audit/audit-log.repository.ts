import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan, MoreThanOrEqual, And, type FindOptionsWhere } from 'typeorm';
import { AuditEvent } from './audit-event.entity';

export type NewAuditEvent = Omit<AuditEvent, 'id'>;

export interface AuditFilter {
  instanceAlias?: string;
  action?: string;
  from?: string;
  to?: string;
}

/** Owns `audit_events`: appended to, never changed. */
@Injectable()
export class AuditLogStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get events() {
    return this.dataSource.getRepository(AuditEvent);
  }

  async append(event: NewAuditEvent): Promise<void> {
    await this.events.insert(event);
  }

  /** Newest first. */
  async page(filter: AuditFilter, limit: number, offset: number): Promise<[AuditEvent[], number]> {
    return this.events.findAndCount({
      where: whereOf(filter),
      order: { id: 'DESC' },
      take: limit,
      skip: offset,
    });
  }

  /** Oldest first, in batches, for the export: memory stays flat however long the log is. */
  async *stream(filter: AuditFilter, batchSize = 500): AsyncGenerator<AuditEvent> {
    let afterId = 0;
    for (;;) {
      const batch = await this.events
        .createQueryBuilder('event')
        .where('event.id > :afterId', { afterId })
        .andWhere(whereSql(filter).sql, whereSql(filter).params)
        .orderBy('event.id', 'ASC')
        .take(batchSize)
        .getMany();
      yield* batch;
      if (batch.length < batchSize) return;
      afterId = batch[batch.length - 1].id;
    }
  }
}

function whereOf(filter: AuditFilter): FindOptionsWhere<AuditEvent> {
  const where: FindOptionsWhere<AuditEvent> = {};
  if (filter.instanceAlias) where.instanceAlias = filter.instanceAlias;
  if (filter.action) where.action = filter.action;
  // ISO 8601 strings in UTC sort as the instants they name.
  if (filter.from && filter.to) where.at = And(MoreThanOrEqual(filter.from), LessThan(filter.to));
  else if (filter.from) where.at = MoreThanOrEqual(filter.from);
  else if (filter.to) where.at = LessThan(filter.to);
  return where;
}

function whereSql(filter: AuditFilter): { sql: string; params: Record<string, string> } {
  const clauses = ['1 = 1'];
  const params: Record<string, string> = {};
  if (filter.instanceAlias) {
    clauses.push('event.instance_alias = :instanceAlias');
    params['instanceAlias'] = filter.instanceAlias;
  }
  if (filter.action) {
    clauses.push('event.action = :action');
    params['action'] = filter.action;
  }
  if (filter.from) {
    clauses.push('event.at >= :from');
    params['from'] = filter.from;
  }
  if (filter.to) {
    clauses.push('event.at < :to');
    params['to'] = filter.to;
  }
  return { sql: clauses.join(' AND '), params };
}
