import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { INSTANCE_ALIAS_PATTERN } from '@archive365/contracts';
import { PageQuery } from '../pagination/page';

export class AuditFilterQuery {
  @IsOptional()
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'instance must be an instance alias' })
  instance?: string;

  /** The operation, e.g. `Credentials.create`. */
  @IsOptional()
  @IsString()
  @MaxLength(120)
  action?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z' })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date-time, e.g. 2026-12-31T00:00:00Z' })
  to?: string;
}

export class AuditPageQuery extends PageQuery {
  @IsOptional()
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'instance must be an instance alias' })
  instance?: string;

  @IsOptional()
  @IsString()
  @MaxLength(120)
  action?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z' })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date-time, e.g. 2026-12-31T00:00:00Z' })
  to?: string;
}

export interface AuditEventView {
  id: number;
  at: string;
  actor: { kind: string; id: string | null; name: string };
  action: string;
  method: string;
  path: string;
  instance: string | null;
  targetId: string | null;
  source: { ip: string; userAgent: string };
  status: number;
  outcome: 'succeeded' | 'failed' | 'refused';
  errorCode: string | null;
}
