import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AdminApiErrorCode, Subjects } from '@archive365/contracts';
import { RpcClient } from '@archive365/messaging';
import type { Request } from 'express';
import { API_CONTROLLERS } from '../app/api.controllers';
import { AdminApiError } from '../http/admin-api.error';
import { Authenticator, missingCredentials } from './authenticator';
import { credentialNotFound, instanceNotFound } from './out-of-scope';
import { mayReachInstance, stateOf, type Principal } from './principal';
import { ROUTE_ACCESS, type RouteAccess } from './route-access.decorator';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every route: who is calling, and whether the instance the route touches is in their scope. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly rpc: RpcClient,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const state = stateOf(request);
    state.action = `${context.getClass().name.replace(/Controller$/, '')}.${context.getHandler().name}`;
    state.params = { ...(request.params as Record<string, string>) };
    // The service kit's probes (`/health/live`, `/health/ready`) are for the orchestrator, not the API.
    const access: RouteAccess = !API_CONTROLLERS.includes(context.getClass())
      ? { kind: 'public' }
      : (this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [
          context.getHandler(),
          context.getClass(),
        ]) ?? { kind: 'global' });

    const authentication = await this.authenticator.authenticate(request);
    if (authentication && 'principal' in authentication) state.principal = authentication.principal;
    if (access.kind === 'public') return true;
    if (!authentication) throw missingCredentials();
    if ('refusal' in authentication) throw authentication.refusal;
    await this.checkScope(authentication.principal, access, request);
    return true;
  }

  private async checkScope(principal: Principal, access: RouteAccess, request: Request): Promise<void> {
    if (principal.instances === null) return;
    switch (access.kind) {
      case 'public':
      case 'listed':
        return;
      case 'global':
        throw new AdminApiError({
          code: AdminApiErrorCode.Forbidden,
          message: 'this needs a caller with every instance in scope; this API token is limited to some',
          reason: 'SCOPE_TOO_NARROW',
          hint: 'use a token for all instances, or sign in as an administrator',
        });
      case 'instance': {
        const alias = String(request.params[access.param] ?? '');
        if (!mayReachInstance(principal, alias)) throw instanceNotFound(alias);
        return;
      }
      case 'credential': {
        const id = String(request.params[access.param] ?? '');
        // A malformed id is left to the route's validation, which names the field.
        if (!GUID.test(id)) return;
        const credential = await this.rpc.send(Subjects.GetCredential, { credentialId: id });
        // The provider's own credential belongs to no instance: only a caller with all of them
        // reaches it (this point is only passed by callers limited to some instances).
        if (!credential.instanceAlias) throw credentialNotFound(id);
        stateOf(request).instanceAlias = credential.instanceAlias;
        if (!mayReachInstance(principal, credential.instanceAlias)) throw credentialNotFound(id);
        return;
      }
    }
  }
}
