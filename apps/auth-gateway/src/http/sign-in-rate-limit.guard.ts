import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * The throttler's guard for the sign-in endpoints, minus its per-request work that finds nothing here:
 * no route overrides the module's one throttler (no `@Throttle` or `@SkipThrottle`), so the six
 * decorator lookups per request are skipped, and the key is not hashed (the counters stay in this
 * process's memory, see FixedWindowRateLimitStorage). Counting, headers and the 429 are the guard's own.
 */
@Injectable()
export class SignInRateLimitGuard extends ThrottlerGuard {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const [throttler] = this.throttlers;
    const ttl = Number(throttler.ttl);
    return this.handleRequest({
      context,
      limit: Number(throttler.limit),
      ttl,
      blockDuration: Number(throttler.blockDuration ?? ttl),
      throttler,
      getTracker: (req) => this.getTracker(req),
      generateKey: (_context, tracker) => this.generateKey(context, tracker, throttler.name ?? 'default'),
    });
  }

  protected override generateKey(context: ExecutionContext, tracker: string, name: string): string {
    return `${context.getClass().name}.${context.getHandler().name}|${name}|${tracker}`;
  }
}
