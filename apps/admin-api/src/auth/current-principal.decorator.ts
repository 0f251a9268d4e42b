import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { stateOf, type Principal } from './principal';

/** The caller the guard recognised (routes that are not public always have one). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = stateOf(context.switchToHttp().getRequest<Request>()).principal;
    if (!principal) throw new Error('CurrentPrincipal used on a public route');
    return principal;
  },
);
