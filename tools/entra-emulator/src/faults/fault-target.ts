import type { Request } from 'express';
import type { EmulatorStore } from '../store/store.types';
import type { FaultTarget } from './fault-controller';

/** The `tid` of a bearer token, read without verification: used only to scope faults, never to authorize. */
export function tenantOfBearer(authorization: string | undefined): string | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const tid = typeof claims === 'object' && claims !== null ? (claims as { tid?: unknown }).tid : undefined;
    return typeof tid === 'string' ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** Path and tenant of a request: the token's tenant for Graph, the authority segment for sign-in endpoints. */
export function faultTargetOf(req: Request, store: EmulatorStore | undefined): FaultTarget {
  const path = req.originalUrl.split('?')[0];
  const firstSegment = path.split('/')[1] ?? '';
  const named =
    tenantOfBearer(req.headers.authorization) ??
    (firstSegment && firstSegment !== 'v1.0' ? safelyDecoded(firstSegment) : undefined);
  const tenantId = named ? (store?.tenant(named)?.id ?? named.toLowerCase()) : undefined;
  return { path, tenantId };
}

function safelyDecoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    // Not a tenant anyone could have named in a fault rule; the route itself answers the bad URL.
    return undefined;
  }
}
