import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { ServiceName } from '../services';

export class StatusRequest {
  /** Who asks (a service name), for tracing. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  caller?: string;
}

export type CheckState = 'up' | 'down';

export interface ServiceStatusReply {
  service: ServiceName;
  version: string;
  /** Host name of the replica that answered. */
  replica: string;
  uptimeSeconds: number;
  checks: { nats: CheckState; database: CheckState };
}
