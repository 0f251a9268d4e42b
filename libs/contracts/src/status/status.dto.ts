import { OptionalField, SafeText } from '../validation/safe-text';
import type { ServiceName } from '../services';

export class StatusRequest {
  /** Who asks (a service name), for tracing. */
  @OptionalField()
  @SafeText({ maxLength: 200 })
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
