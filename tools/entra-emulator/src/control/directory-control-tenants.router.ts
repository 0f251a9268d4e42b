import express, { type Router } from 'express';
import type { FaultController, ResourceUnitThrottle } from '../faults';
import { generateTenant } from '../fixture/generate';
import type { MemoryStore } from '../store/memory-store';
import type { MemoryTenant } from '../store/memory-tenant';
import { registerConsentedApp } from './directory-control-apps';
import { seedFromBody } from './directory-control-bodies';
import { tenantFrom } from './directory-control-params';
import { tenantSummary } from './directory-control-views';

/** Seeding, listing, dropping and resetting tenants, and the one-call consented client app. */
export function createTenantsControlRouter(
  store: MemoryStore,
  faults: FaultController,
  throttle: ResourceUnitThrottle,
): Router {
  const router = express.Router();
  router.get('/tenants', (_req, res) => {
    res.json({ value: store.tenants().map(tenantSummary) });
  });
  router.post('/tenants', (req, res) => {
    const seed = seedFromBody(req.body);
    const fixture = 'generate' in seed ? { tenants: [generateTenant(seed.generate)] } : seed.fixture;
    store.load(fixture);
    const ids = fixture.tenants.map((tenant) => tenant.organization.id.toLowerCase());
    res.status(201).json({ value: ids.map((id) => tenantSummary(store.tenant(id) as MemoryTenant)) });
  });
  router.get('/tenants/:tenant', (req, res) => {
    res.json(tenantSummary(tenantFrom(store, req)));
  });
  router.delete('/tenants/:tenant', (req, res) => {
    store.remove(tenantFrom(store, req).id);
    res.status(204).end();
  });
  router.post('/reset', (_req, res) => {
    store.reset();
    faults.clear();
    throttle.configure({ enabled: false });
    store.clock.reset();
    res.status(204).end();
  });
  router.post('/tenants/:tenant/apps', (req, res) => {
    res.status(201).json(registerConsentedApp(tenantFrom(store, req), req.body));
  });
  return router;
}
