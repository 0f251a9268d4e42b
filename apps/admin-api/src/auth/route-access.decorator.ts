import { SetMetadata } from '@nestjs/common';

/**
 * Who may call a route. Every route declares it; a route that does not is treated as `global`, the
 * strictest that still lets someone in.
 * - `public`: anyone (health, the OpenAPI document, the sign-in redirects).
 * - `global`: a caller with every instance in scope (tokens, administrators, audit, new instances).
 * - `listed`: any caller; the route itself shows only the instances in scope.
 * - `instance`: the path parameter `param` is an instance alias that must be in scope.
 * - `credential`: the path parameter `param` is a credential id whose instance must be in scope (the
 *   provider's own credential, which belongs to no instance, needs every instance in scope).
 */
export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'global' }
  | { kind: 'listed' }
  | { kind: 'instance'; param: string }
  | { kind: 'credential'; param: string };

export const ROUTE_ACCESS = Symbol('admin-api:route-access');

export const Access = (access: RouteAccess) => SetMetadata(ROUTE_ACCESS, access);
export const PublicRoute = () => Access({ kind: 'public' });
export const GlobalRoute = () => Access({ kind: 'global' });
export const ListedRoute = () => Access({ kind: 'listed' });
export const InstanceRoute = (param = 'alias') => Access({ kind: 'instance', param });
export const CredentialRoute = (param = 'id') => Access({ kind: 'credential', param });
