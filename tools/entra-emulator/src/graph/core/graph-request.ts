import type { AccessTokenClaims } from '../../issued-tokens/emulator-context';
import type { MemoryTenant } from '../../store/memory-tenant';

/**
 * A Graph call independent of express, so `$batch` can run its steps through the same routes as
 * top-level requests.
 */
export interface GraphRequest {
  method: string;
  /** Path below `/v1.0`, split into decoded segments, e.g. ['users', 'adele@contoso.com']. */
  segments: string[];
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body: unknown;
  /** `https://{host}/v1.0`, built from the request's Host as Graph does. */
  serviceRoot: string;
  requestId: string;
  clientRequestId: string;
}

export interface GraphResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A request whose token was verified and whose tenant is known. */
export interface AuthorizedCall {
  request: GraphRequest;
  claims: AccessTokenClaims;
  tenant: MemoryTenant;
  /** Path parameters captured by the route pattern. */
  params: Record<string, string>;
}

export function header(request: GraphRequest, name: string): string | undefined {
  return request.headers[name.toLowerCase()];
}

/** `ConsistencyLevel: eventual` turns on Graph's advanced query capabilities ($count, ne, endswith...). */
export function isEventual(request: GraphRequest): boolean {
  return header(request, 'consistencylevel')?.toLowerCase() === 'eventual';
}
