import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, type Metric, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from './metrics-registry';

/** Every platform metric starts with this; the README's "Metrics" section lists them. */
export const METRIC_PREFIX = 'archive365_';
const NAME = /^[a-z][a-z0-9_]*$/;

/** Latency buckets in seconds: from a cached lookup (1 ms) to a slow Microsoft call (30 s). */
export const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * How a service registers its own metrics (sync runs, sign-ins, ...) on its `/metrics`:
 * `metrics.counter('sync_runs_total', 'Sync runs by outcome', ['outcome'])`. Names get the
 * `archive365_` prefix; a name already registered returns the same metric, so providers may share one.
 * Keep label values few (an outcome, a subject), never an id or a user name.
 */
@Injectable()
export class ServiceMetrics {
  constructor(@Inject(METRICS_REGISTRY) readonly registry: Registry) {}

  counter<Label extends string = never>(name: string, help: string, labelNames: readonly Label[] = []) {
    if (!name.endsWith('_total')) {
      throw new Error(`Counter ${name} must end with _total (Prometheus naming)`);
    }
    return this.getOrCreate(name, (fullName) => new Counter<Label>(this.options(fullName, help, labelNames)));
  }

  histogram<Label extends string = never>(
    name: string,
    help: string,
    labelNames: readonly Label[] = [],
    buckets: number[] = LATENCY_BUCKETS,
  ) {
    return this.getOrCreate(
      name,
      (fullName) => new Histogram<Label>({ ...this.options(fullName, help, labelNames), buckets }),
    );
  }

  /** A gauge; `collect` (may be async) runs at each scrape to set its current value. */
  gauge<Label extends string = never>(
    name: string,
    help: string,
    labelNames: readonly Label[] = [],
    collect?: (gauge: Gauge<Label>) => void | Promise<void>,
  ) {
    return this.getOrCreate(
      name,
      (fullName) =>
        new Gauge<Label>({
          ...this.options(fullName, help, labelNames),
          ...(collect
            ? {
                collect(this: Gauge<Label>) {
                  return collect(this);
                },
              }
            : {}),
        }),
    );
  }

  private options<Label extends string>(name: string, help: string, labelNames: readonly Label[]) {
    return { name, help, labelNames: [...labelNames], registers: [this.registry] };
  }

  private getOrCreate<M extends Metric>(name: string, create: (fullName: string) => M): M {
    if (!NAME.test(name) || name.startsWith(METRIC_PREFIX)) {
      throw new Error(
        `Metric name "${name}" must be snake_case and given without the ${METRIC_PREFIX} prefix (it is added)`,
      );
    }
    const fullName = `${METRIC_PREFIX}${name}`;
    return (this.registry.getSingleMetric(fullName) as M | undefined) ?? create(fullName);
  }
}
