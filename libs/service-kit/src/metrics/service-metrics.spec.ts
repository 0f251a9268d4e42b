import { Registry } from 'prom-client';
import { ServiceMetrics } from './service-metrics';

describe('ServiceMetrics', () => {
  it('prefixes names and returns the same metric when a name is registered twice', async () => {
    const registry = new Registry();
    const metrics = new ServiceMetrics(registry);
    const runs = metrics.counter('sync_runs_total', 'Sync runs by outcome', ['outcome']);
    expect(metrics.counter('sync_runs_total', 'Sync runs by outcome', ['outcome'])).toBe(runs);
    runs.inc({ outcome: 'succeeded' });
    expect(await registry.metrics()).toContain('archive365_sync_runs_total{outcome="succeeded"} 1');
  });

  it('refuses names that break the naming rules, saying which rule', () => {
    const metrics = new ServiceMetrics(new Registry());
    expect(() => metrics.counter('sync_runs', 'x')).toThrow('must end with _total');
    expect(() => metrics.gauge('archive365_users', 'x')).toThrow('without the archive365_ prefix');
    expect(() => metrics.histogram('Sign-In Latency', 'x')).toThrow('snake_case');
  });

  it('runs a gauge collector at scrape time', async () => {
    const registry = new Registry();
    let users = 3;
    new ServiceMetrics(registry).gauge('archive_users', 'Archive users', [], (gauge) => gauge.set(users));
    expect(await registry.metrics()).toContain('archive365_archive_users 3');
    users = 5;
    expect(await registry.metrics()).toContain('archive365_archive_users 5');
  });
});
