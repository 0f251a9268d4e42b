import { hostname } from 'node:os';
import { Inject, Injectable, type Type } from '@nestjs/common';
import { StatusSubjects, type ServiceStatusReply } from '@archive365/contracts';
import { RpcHandler } from '@archive365/messaging';
import { DependencyChecks } from '../health/dependency-checks';
import { SERVICE_IDENTITY, type ServiceIdentity } from '../service-identity';

const startedAt = Date.now();

/** Builds the provider that answers this service's status subject over NATS. */
export function statusHandlerFor(identity: ServiceIdentity): Type<unknown> {
  @Injectable()
  class StatusHandler {
    constructor(
      @Inject(SERVICE_IDENTITY) private readonly service: ServiceIdentity,
      private readonly checks: DependencyChecks,
    ) {}

    @RpcHandler(StatusSubjects[identity.name])
    async status(): Promise<ServiceStatusReply> {
      return {
        service: this.service.name,
        version: this.service.version,
        replica: hostname(),
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
        checks: await this.checks.run(),
      };
    }
  }
  return StatusHandler;
}
