import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ServiceMetrics } from './service-metrics';

/**
 * HTTP requests by method, route pattern and status. The route is the pattern (`/api/instances/:alias`),
 * never the raw path, so an alias or id cannot multiply the series; unmatched paths share one label.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly requests;
  private readonly latency;

  constructor(metrics: ServiceMetrics) {
    this.requests = metrics.counter('http_requests_total', 'HTTP requests by method, route and status', [
      'method',
      'route',
      'status',
    ]);
    this.latency = metrics.histogram(
      'http_request_duration_seconds',
      'Time to answer an HTTP request, by method and route',
      ['method', 'route'],
    );
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const stop = this.latency.startTimer();
    res.once('finish', () => {
      const route = routeOf(req);
      this.requests.inc({ method: req.method, route, status: String(res.statusCode) });
      stop({ method: req.method, route });
    });
    next();
  }
}

function routeOf(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
}
