import type { RequestHandler, Router } from 'express';
import type { EmulatorContext } from '../emulator.types';
import { createFaultMiddleware, FaultController, ResourceUnitThrottle } from '../faults';
import { createEwsRouter } from '../exchange/ews.router';
import { createGraphRouter } from '../graph/graph.router';
import { createUserinfoRouter } from '../graph/userinfo.router';
import type { MemoryStore } from '../store/memory-store';
import { createDirectoryControlRouter } from '../control/directory-control.router';

export interface DirectoryHalfParts {
  graphRouter: Router;
  directoryControlRouter: Router;
  faults: RequestHandler;
  /** Exchange Web Services, switched off as in Exchange Online since October 2026. */
  ewsRouter: Router;
  /** OpenID Connect userinfo, served by Graph at Microsoft. */
  userinfoRouter: Router;
}

/**
 * Everything the server mounts from the directory half: Graph at `/v1.0`, the control API at
 * `/_emulator`, and the fault middleware in front of Graph and the token endpoint.
 */
export function createDirectoryHalf(
  context: EmulatorContext,
  store: MemoryStore,
): { parts: DirectoryHalfParts; faults: FaultController } {
  const faults = new FaultController((idOrDomain) => store.tenant(idOrDomain)?.id);
  const throttle = new ResourceUnitThrottle(() => store.clock.now());
  return {
    parts: {
      graphRouter: createGraphRouter(context, { throttle, faults }),
      directoryControlRouter: createDirectoryControlRouter(context, faults, throttle),
      faults: createFaultMiddleware(faults, store),
      ewsRouter: createEwsRouter(context, store),
      userinfoRouter: createUserinfoRouter(context, store),
    },
    faults,
  };
}
