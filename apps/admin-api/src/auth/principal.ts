import type { Request } from 'express';

/** Who is calling: an API token, an administrator's session, or the bootstrap token from configuration. */
export interface Principal {
  kind: 'token' | 'session' | 'bootstrap';
  /** Token or session id (the bootstrap token has none). */
  id: string | null;
  /** What the audit log shows: the token's name or the administrator's name. */
  name: string;
  /** Instance aliases the caller may reach; null for every instance. */
  instances: string[] | null;
}

/** What the guard and the routes learn about a request, kept on it for the audit log. */
export interface AdminRequestState {
  principal?: Principal;
  /** `Controller.method` of the route reached. */
  action?: string;
  /** The route's path parameters (kept here: the router may reset them before the answer is sent). */
  params?: Record<string, string>;
  /** The instance a route touched when its path names only a resource id. */
  instanceAlias?: string;
}

export type AdminRequest = Request & { admin?: AdminRequestState };

export function stateOf(request: Request): AdminRequestState {
  const admin = request as AdminRequest;
  admin.admin ??= {};
  return admin.admin;
}

export function mayReachInstance(principal: Principal, alias: string): boolean {
  return principal.instances === null || principal.instances.includes(alias);
}
