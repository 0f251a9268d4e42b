import type { ServiceName } from '@archive365/contracts';

export interface ServiceIdentity {
  name: ServiceName;
  version: string;
}

export const SERVICE_IDENTITY = Symbol('SERVICE_IDENTITY');
