import type { Request } from 'express';
import type { MemoryStore } from '../store/memory-store';
import type { MemoryTenant } from '../store/memory-tenant';
import { ControlError } from './directory-control-errors';

export function param(req: Request, name: string): string {
  return String(req.params[name]);
}

/** The tenant named in the path (id or verified domain), or 404 with how to create one. */
export function tenantFrom(store: MemoryStore, req: Request): MemoryTenant {
  const tenant = store.tenant(param(req, 'tenant'));
  if (!tenant)
    throw new ControlError(
      404,
      'not_found',
      `No tenant '${param(req, 'tenant')}'. Seed one with POST /_emulator/tenants.`,
    );
  return tenant;
}
