import type { EmulatorFixture } from '../fixture/fixture.types';
import { EmulatorClock } from '../shared/clock';
import { MemoryTenant } from './memory-tenant';
import type { EmulatorStore, TenantState } from './store.types';

/** The in-memory store with the emulator clock and direct access to the mutable tenants. */
export interface MemoryStore extends EmulatorStore {
  readonly clock: EmulatorClock;
  tenant(idOrDomain: string): MemoryTenant | undefined;
  tenants(): MemoryTenant[];
  /** Drops one tenant; false when it did not exist. */
  remove(tenantId: string): boolean;
}

/**
 * Creates the emulator's directory. Tenants are found by id or by any verified domain (as
 * login.microsoftonline.com accepts either in the authority path), case-insensitively.
 */
export function createMemoryStore(clock = new EmulatorClock()): MemoryStore {
  const byId = new Map<string, MemoryTenant>();
  const byDomain = new Map<string, MemoryTenant>();

  const unregister = (tenant: MemoryTenant): void => {
    byId.delete(tenant.id);
    for (const domain of tenant.domainNames()) if (byDomain.get(domain) === tenant) byDomain.delete(domain);
  };

  return {
    clock,
    tenant(idOrDomain: string): MemoryTenant | undefined {
      const key = idOrDomain.toLowerCase();
      return byId.get(key) ?? byDomain.get(key);
    },
    tenants(): MemoryTenant[] {
      return [...byId.values()];
    },
    load(fixture: EmulatorFixture): void {
      // Build every tenant first: a fixture with an error leaves the store unchanged.
      const loaded = fixture.tenants.map((tenantFixture) => new MemoryTenant(tenantFixture, clock));
      for (const tenant of loaded) {
        const previous = byId.get(tenant.id);
        if (previous) unregister(previous);
        byId.set(tenant.id, tenant);
        for (const domain of tenant.domainNames()) byDomain.set(domain, tenant);
      }
    },
    remove(tenantId: string): boolean {
      const tenant = byId.get(tenantId.toLowerCase());
      if (!tenant) return false;
      unregister(tenant);
      return true;
    },
    reset(): void {
      byId.clear();
      byDomain.clear();
    },
  };
}

export type { TenantState };
