import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ErrorCode } from '@archive365/contracts';
import type { Request } from 'express';
import { AdminApiError } from './admin-api.error';

/**
 * A route that declares no query (or no body) refuses one, as a route with a DTO refuses unknown
 * fields: a misspelt `?limt=` or a body sent to the wrong route surfaces at once instead of being
 * silently ignored. (Routes with a DTO are checked by the validation pipe.)
 */
@Injectable()
export class UndeclaredInputGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const declared = declaredInputs(context);
    const queryKeys = Object.keys((request.query ?? {}) as object);
    if (!declared.has(RouteParamtypes.QUERY) && queryKeys.length > 0) {
      throw new AdminApiError({
        code: ErrorCode.ValidationFailed,
        message: `${queryKeys[0]}: this route takes no query parameters`,
        field: queryKeys[0],
        hint: 'see the route in the OpenAPI document at /api/docs',
      });
    }
    const body: unknown = request.body;
    const hasBody =
      body !== undefined && body !== null && !(typeof body === 'object' && Object.keys(body).length === 0);
    if (!declared.has(RouteParamtypes.BODY) && hasBody) {
      throw new AdminApiError({
        code: ErrorCode.ValidationFailed,
        message: 'this route takes no request body',
        hint: 'send the request without a body (or with {})',
      });
    }
    return true;
  }
}

function declaredInputs(context: ExecutionContext): Set<RouteParamtypes> {
  const metadata: Record<string, { index: number }> =
    Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ?? {};
  // Keys are `<paramtype>:<index>` (custom decorators add their own name in front).
  return new Set(
    Object.keys(metadata)
      .map((key) => Number(key.split(':')[0]))
      .filter((type) => !Number.isNaN(type)),
  );
}
