import { Registry } from 'prom-client';
import { ServiceMetrics } from '@archive365/service-kit';
import { SignInError, SignInErrorCode } from '../errors/sign-in-error';
import { SignInMetrics } from './sign-in-metrics';

describe('sign-in metrics', () => {
  const registry = new Registry();
  const sut = new SignInMetrics(new ServiceMetrics(registry));

  async function value(name: string, labels: Record<string, string>): Promise<number> {
    const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === `archive365_${name}`);
    const sample = metric?.values.find((v) =>
      Object.entries(labels).every(([key, expected]) => String(v.labels[key]) === expected),
    );
    return Number(sample?.value ?? 0);
  }

  it('counts successes and each refusal by flow and outcome, and times the callbacks', async () => {
    await expect(sut.measure('id_token', async () => 'session')).resolves.toBe('session');
    await expect(sut.measure('id_token', async () => 'session')).resolves.toBe('session');
    const disabled = new SignInError(SignInErrorCode.Disabled);
    await expect(
      sut.measure('naa', async () => {
        throw disabled;
      }),
    ).rejects.toBe(disabled);
    await expect(
      sut.measure('code', async () => {
        throw new Error('database gone');
      }),
    ).rejects.toThrow('database gone');

    expect(await value('sign_ins_total', { flow: 'id_token', outcome: 'success' })).toBe(2);
    expect(await value('sign_ins_total', { flow: 'naa', outcome: 'disabled' })).toBe(1);
    expect(await value('sign_ins_total', { flow: 'code', outcome: 'unexpected' })).toBe(1);
    expect(await value('sign_ins_total', { flow: 'naa', outcome: 'success' })).toBe(0);
    const count = 'sign_in_callback_duration_seconds_count';
    const histogram = (await registry.getMetricsAsJSON()).find(
      (m) => m.name === 'archive365_sign_in_callback_duration_seconds',
    );
    // A histogram's JSON values carry the name of their series (`..._count`, `..._sum`, `..._bucket`).
    const values = (histogram?.values ?? []) as {
      metricName?: string;
      labels: Record<string, unknown>;
      value: number;
    }[];
    const counted = (flow: string, result: string) =>
      values.find(
        (v) => v.metricName === `archive365_${count}` && v.labels.flow === flow && v.labels.result === result,
      )?.value;
    expect(counted('id_token', 'success')).toBe(2);
    expect(counted('naa', 'refused')).toBe(1);
  });
});
