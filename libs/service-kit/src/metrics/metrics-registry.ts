import { Registry, collectDefaultMetrics } from 'prom-client';

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/**
 * One registry per running service rather than prom-client's global one: tests run several services
 * (and replicas of one) in a single process, and each must expose only its own series.
 */
export function createServiceRegistry(serviceName: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: serviceName });
  // process_* and nodejs_* (CPU, memory, event loop lag, GC, handles) under their usual names, so
  // standard Node.js dashboards work unchanged.
  collectDefaultMetrics({ register: registry });
  return registry;
}
