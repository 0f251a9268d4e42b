import express, { type Router } from 'express';
import { type FaultController, parseFaultRule, type ResourceUnitThrottle } from '../faults';
import type { MemoryStore } from '../store/memory-store';
import { clockAdvanceFromBody, throttlingFromBody } from './directory-control-bodies';
import { ControlError } from './directory-control-errors';
import { param } from './directory-control-params';

/** The emulator clock, fault rules and the throttling model. */
export function createRuntimeControlRouter(
  store: MemoryStore,
  faults: FaultController,
  throttle: ResourceUnitThrottle,
): Router {
  const router = express.Router();
  const clockView = () => ({ now: new Date(store.clock.now()).toISOString(), offsetMs: store.clock.offset });

  // The clock ages delta tokens, deleted users and the identity half's tokens alike.
  router.get('/clock', (_req, res) => {
    res.json(clockView());
  });
  router.post('/clock/advance', (req, res) => {
    store.clock.advance(clockAdvanceFromBody(req.body));
    for (const tenant of store.tenants()) tenant.purgeExpiredDeletedUsers();
    res.json(clockView());
  });
  router.delete('/clock', (_req, res) => {
    store.clock.reset();
    res.status(204).end();
  });

  router.get('/faults', (_req, res) => {
    res.json({ value: faults.list() });
  });
  router.post('/faults', (req, res) => {
    res.status(201).json(faults.add(parseFaultRule(req.body)));
  });
  router.delete('/faults', (_req, res) => {
    faults.clear();
    res.status(204).end();
  });
  router.delete('/faults/:id', (req, res) => {
    if (!faults.remove(param(req, 'id')))
      throw new ControlError(404, 'not_found', `No fault rule '${param(req, 'id')}'.`);
    res.status(204).end();
  });

  router.get('/throttling', (_req, res) => {
    res.json(throttle.settings);
  });
  router.put('/throttling', (req, res) => {
    res.json(throttle.configure(throttlingFromBody(req.body)));
  });
  return router;
}
