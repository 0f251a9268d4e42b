import { ApiProperty, ApiPropertyOptional, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import { SERVICE_NAMES, type CheckState, type ServiceName } from '@archive365/contracts';
import { everyValueOf, ReplySchema } from '../openapi/reply-schema';
import type { PlatformHealth, ServiceHealth } from './health-all.service';

type Checks = Extract<ServiceHealth, { status: 'up' }>['checks'];
const CHECK_STATES = everyValueOf<CheckState>()('up', 'down');

@ReplySchema<Checks>('ServiceChecks')
export class ServiceChecksSchema implements Checks {
  @ApiProperty({ enum: CHECK_STATES })
  nats!: CheckState;

  @ApiProperty({ enum: CHECK_STATES })
  database!: CheckState;
}

/**
 * A service's answer (`up`, with its version, replica, uptime and checks) or why it gave none (`down`,
 * with the error): the two shapes of `ServiceHealth` in one schema, the fields of each optional.
 */
@ApiSchema({ name: 'ServiceHealth' })
export class ServiceHealthSchema {
  @ApiProperty({ enum: everyValueOf<ServiceHealth['status']>()('up', 'down') })
  status!: ServiceHealth['status'];

  @ApiProperty({ enum: [...SERVICE_NAMES] })
  service!: ServiceName;

  @ApiPropertyOptional({ description: 'When up' })
  version?: string;

  @ApiPropertyOptional({ description: 'When up: the host name of the replica that answered' })
  replica?: string;

  @ApiPropertyOptional({ type: 'number', description: 'When up' })
  uptimeSeconds?: number;

  @ApiPropertyOptional({ type: () => ServiceChecksSchema, description: 'When up' })
  checks?: ServiceChecksSchema;

  @ApiPropertyOptional({ description: 'When down: why there was no answer' })
  error?: string;
}

type UpHealth = Extract<ServiceHealth, { status: 'up' }>;
type DownHealth = Extract<ServiceHealth, { status: 'down' }>;
/** True only while every field of either shape is in the schema and each shape fits it. */
type Documented = [Exclude<keyof UpHealth | keyof DownHealth, keyof ServiceHealthSchema>] extends [never]
  ? [UpHealth, DownHealth] extends [ServiceHealthSchema, ServiceHealthSchema]
    ? true
    : false
  : false;
/** Fails to compile when a field is added to a service's health and not to its schema. */
export const SERVICE_HEALTH_DOCUMENTED: Documented = true;

@ApiSchema({ name: 'PlatformHealth', description: 'Every service asked over NATS for its status' })
export class PlatformHealthSchema implements PlatformHealth {
  @ApiProperty({ enum: everyValueOf<PlatformHealth['status']>()('ok', 'degraded') })
  status!: PlatformHealth['status'];

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(ServiceHealthSchema) },
    description: 'By service name',
  })
  services!: Record<ServiceName, ServiceHealth>;
}
