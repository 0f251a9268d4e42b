import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { HealthAllService, type PlatformHealth } from './health-all.service';

@Controller('api/health')
export class HealthAllController {
  constructor(private readonly health: HealthAllService) {}

  /** 200 when every service answers and is ready, 503 otherwise; the body says which is not. */
  @Get('all')
  async all(@Res({ passthrough: true }) response: Response): Promise<PlatformHealth> {
    const health = await this.health.check();
    response.status(health.status === 'ok' ? 200 : 503);
    return health;
  }
}
