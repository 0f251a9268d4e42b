import express, { type Router } from 'express';
import type { EmulatorContext } from '../emulator.types';
import { type FaultController, ResourceUnitThrottle } from '../faults';
import { controlErrorHandler } from './directory-control-errors';
import { createPeopleControlRouter } from './directory-control-people.router';
import { createExchangeControlRouter } from './exchange-control.router';
import { createRuntimeControlRouter } from './directory-control-runtime.router';
import { createTenantsControlRouter } from './directory-control-tenants.router';

/**
 * The emulator's directory control API, mounted at `/_emulator` (no authentication: emulator only).
 * Seeds and resets tenants, applies joiners, leavers, renames, license and membership changes, moves
 * the clock and switches faults (see directory-control-api.md). Each handler is one call into the
 * store or the fault controller; every failure is `{error: {code, message}}`.
 */
export function createDirectoryControlRouter(
  context: EmulatorContext,
  faults: FaultController,
  throttle: ResourceUnitThrottle = new ResourceUnitThrottle(),
): Router {
  const store = context.store;
  const router = express.Router();
  router.use(express.json({ limit: '200mb' }));
  router.use(createTenantsControlRouter(store, faults, throttle));
  router.use(createPeopleControlRouter(store));
  router.use(createRuntimeControlRouter(store, faults, throttle));
  router.use(createExchangeControlRouter(store));
  router.use(controlErrorHandler);
  return router;
}
