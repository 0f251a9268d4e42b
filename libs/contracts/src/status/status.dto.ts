import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { ServiceName } from '../services';

export class StatusRequest {
  /** Free text echoed in logs, to trace who asked. */
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
