import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Registry } from 'prom-client';
import { METRICS_REGISTRY } from './metrics-registry';

/**
 * Prometheus scrape endpoint on the service's HTTP port. It is for the cluster's monitoring only:
 * the Ingress never routes it and the NetworkPolicies admit scrapes from the monitoring namespace.
 */
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get()
  @ApiOkResponse({
    description: 'The Prometheus text exposition format',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  async scrape(@Res() res: Response): Promise<void> {
    const body = await this.registry.metrics();
    res.type(this.registry.contentType).send(body);
  }
}
