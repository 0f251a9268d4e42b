import type { ProvisioningConfig } from '../app/provisioning.config';
import { ProvisioningError } from '../errors/provisioning.error';
import type { LeasesRepository } from '../persistence/leases.repository';
import type { Setup } from '../persistence/setup.entity';
import type { SetupsRepository } from '../persistence/setups.repository';
import { SetupCoordinator } from './setup-coordinator';
import type { SetupEvents } from './setup-events';

/**
 * A coordinator over an instance whose latest setup is in `state`, its lease held until `releasedAfterMs`
 * after the first attempt to take it. Counted from that attempt, not from here: on a loaded machine the
 * claim's first steps can take longer than the hold, and the first attempt would then find it free.
 */
function coordinator(state: Setup['state'], releasedAfterMs: number) {
  let heldUntil: number | undefined;
  let attempts = 0;
  const leases = {
    acquire: async () => {
      attempts++;
      heldUntil ??= Date.now() + releasedAfterMs;
      return Date.now() >= heldUntil;
    },
    isHeld: async () => heldUntil === undefined || Date.now() < heldUntil,
  } as unknown as LeasesRepository;
  const latest = {
    id: 'setup-1',
    instanceAlias: 'northwind',
    state,
    startedAt: 'earlier',
  } as unknown as Setup;
  const setups = { latestFor: async () => latest } as unknown as SetupsRepository;
  const config = { LEASE_TTL_MS: 30_000 } as ProvisioningConfig;
  return {
    claims: new SetupCoordinator(config, setups, leases, {} as SetupEvents),
    attempts: () => attempts,
  };
}

describe('SetupCoordinator.claim', () => {
  it('waits for the lease of a setup that has just ended, instead of saying it still runs', async () => {
    for (const state of ['succeeded', 'failed', 'interrupted'] as const) {
      const { claims, attempts } = coordinator(state, 200);
      await expect(claims.claim('northwind')).resolves.toBeUndefined();
      expect(attempts()).toBeGreaterThan(1);
    }
  });

  it('answers at once, without waiting, that a running setup holds the instance', async () => {
    const { claims, attempts } = coordinator('running', 60_000);
    const failure = await claims.claim('northwind').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProvisioningError);
    expect((failure as Error).message).toBe(
      'a setup of instance "northwind" is already running (started earlier, running)',
    );
    expect(attempts()).toBe(1);
  });

  it('still refuses when the lease of an ended setup is held past the grace (a newer setup holds it)', async () => {
    const { claims } = coordinator('succeeded', 60_000);
    const started = Date.now();
    await expect(claims.claim('northwind')).rejects.toThrow(/is already running/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  });
});
