import { Controller, Get, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { PublicRoute } from '../auth/route-access.decorator';
import { HealthAllService, type PlatformHealth } from './health-all.service';
import { PlatformHealthSchema, ServiceHealthSchema } from './health-all.replies';
import { ProblemResponses } from '../openapi/problem-responses';

/** Public like the probes: it says which services answer, nothing about instances. */
@ProblemResponses()
@ApiExtraModels(ServiceHealthSchema)
@Controller('api/health')
@PublicRoute()
export class HealthAllController {
  constructor(private readonly health: HealthAllService) {}

  /** 200 when every service answers and is ready, 503 otherwise; the body says which is not. */
  @Get('all')
  @ApiOkResponse({ type: PlatformHealthSchema, description: 'Every service is up' })
  @ApiServiceUnavailableResponse({ type: PlatformHealthSchema, description: 'Some service is down' })
  async all(@Res({ passthrough: true }) response: Response): Promise<PlatformHealth> {
    const health = await this.health.check();
    response.status(health.status === 'ok' ? 200 : 503);
    return health;
  }
}
