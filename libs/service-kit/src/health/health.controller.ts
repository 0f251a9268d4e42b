import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DependencyChecks } from './dependency-checks';

/**
 * Kubernetes probes. Liveness says only that the process serves HTTP (restarting a pod does not fix
 * a database outage); readiness says whether it can do its work: NATS and database both reachable.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly checks: DependencyChecks,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  async ready() {
    const states = await this.checks.run();
    return this.health.check([
      () => this.indicator('nats', states.nats),
      () => this.indicator('database', states.database),
    ]);
  }

  private indicator(key: string, state: 'up' | 'down') {
    const check = this.indicators.check(key);
    return state === 'up' ? check.up() : check.down();
  }
}
