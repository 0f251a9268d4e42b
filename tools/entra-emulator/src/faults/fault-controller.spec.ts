import { FaultController } from './fault-controller';
import { parseFaultRule } from './fault-rule-validation';

describe('FaultController', () => {
  it('fires on every Nth matching request, honours scope and a limit', () => {
    const faults = new FaultController();
    faults.add({ kind: 'throttle', everyNth: 2, pathPrefix: '/v1.0/users', tenant: 'T1', times: 2 });
    const decisions = [
      '/v1.0/users',
      '/v1.0/groups',
      '/v1.0/users',
      '/v1.0/users',
      '/v1.0/users',
      '/v1.0/users',
      '/v1.0/users',
    ].map((path) => faults.decide({ path, tenantId: 't1' })?.kind ?? '-');
    expect(decisions).toEqual(['-', '-', 'throttle', '-', 'throttle', '-', '-']);
    expect(faults.decide({ path: '/v1.0/users', tenantId: 'other' })).toBeUndefined();
  });

  it('is deterministic for a seeded probability', () => {
    const run = (): string[] => {
      const faults = new FaultController();
      faults.add({ kind: 'serverError', probability: 0.3, seed: 99 });
      return Array.from(
        { length: 50 },
        () => faults.decide({ path: '/x', tenantId: undefined })?.kind ?? '-',
      );
    };
    const first = run();
    expect(run()).toEqual(first);
    expect(first.filter((kind) => kind === 'serverError').length).toBeGreaterThan(5);
  });

  it('clears and removes rules', () => {
    const faults = new FaultController();
    const rule = faults.add({ kind: 'delay', delayMs: 5 });
    expect(faults.remove(rule.id)).toBe(true);
    expect(faults.remove(rule.id)).toBe(false);
    faults.throttleEvery(1);
    faults.clear();
    expect(faults.list()).toEqual([]);
  });

  it('validates rules from the control API', () => {
    expect(() => parseFaultRule({ kind: 'throttle', everyNth: 0 })).toThrow(
      'everyNth must be a whole number from 1 to 1000000, got 0.',
    );
    expect(() => parseFaultRule({ kind: 'throttle', everyNth: 2, probability: 0.5 })).toThrow(
      'Give either everyNth or probability, not both.',
    );
    expect(() => parseFaultRule({ kind: 'delay' })).toThrow('A delay fault needs delayMs.');
    expect(() => parseFaultRule({ kind: 'throttle', pathPrefix: 'v1.0' })).toThrow(/must start with "\/"/);
    expect(() => parseFaultRule({ kind: 'throttle', colour: 'red' })).toThrow(/Unknown field\(s\) colour/);
    expect(parseFaultRule({ kind: 'serverError', status: 504 })).toMatchObject({
      kind: 'serverError',
      status: 504,
    });
  });
});
