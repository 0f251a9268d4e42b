import { ApiProperty } from '@nestjs/swagger';
import { everyValueOf, ReplySchema } from '../openapi/reply-schema';
import { PageSchema } from '../pagination/page.schema';
import type { AuditEventView } from './audit-http.dto';

type Actor = AuditEventView['actor'];
type Source = AuditEventView['source'];

@ReplySchema<Actor>('AuditActor', 'Who made the change')
export class AuditActorSchema implements Actor {
  @ApiProperty()
  kind!: string;

  @ApiProperty({ type: String, nullable: true })
  id!: string | null;

  @ApiProperty()
  name!: string;
}

@ReplySchema<Source>('AuditSource', 'Where the request came from')
export class AuditSourceSchema implements Source {
  @ApiProperty()
  ip!: string;

  @ApiProperty()
  userAgent!: string;
}

@ReplySchema<AuditEventView>('AuditEventView', 'One change (or refused attempt) in the audit log')
export class AuditEventViewSchema implements AuditEventView {
  @ApiProperty({ type: 'integer' })
  id!: number;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: () => AuditActorSchema })
  actor!: AuditActorSchema;

  @ApiProperty({ description: 'The operation, e.g. `Credentials.create`' })
  action!: string;

  @ApiProperty()
  method!: string;

  @ApiProperty()
  path!: string;

  @ApiProperty({ type: String, nullable: true })
  instance!: string | null;

  @ApiProperty({ type: String, nullable: true })
  targetId!: string | null;

  @ApiProperty({ type: () => AuditSourceSchema })
  source!: AuditSourceSchema;

  @ApiProperty({ type: 'integer' })
  status!: number;

  @ApiProperty({ enum: everyValueOf<AuditEventView['outcome']>()('succeeded', 'failed', 'refused') })
  outcome!: AuditEventView['outcome'];

  @ApiProperty({ type: String, nullable: true })
  errorCode!: string | null;
}

export const AuditPage = PageSchema(AuditEventViewSchema, 'AuditPage');
