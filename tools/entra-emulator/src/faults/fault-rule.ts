/** The disturbances the emulator can inject, switchable at run time through `/_emulator/faults`. */
export type FaultKind = 'throttle' | 'serverError' | 'delay' | 'cutConnection';

export interface FaultRuleInput {
  kind: FaultKind;
  /** Only requests whose path starts with this (e.g. `/v1.0/users`); all requests when absent. */
  pathPrefix?: string;
  /** Only requests for this tenant (id or verified domain); all tenants when absent. */
  tenant?: string;
  /** Fire on every Nth matching request (1 = every one). Default 1. */
  everyNth?: number;
  /** Instead of everyNth: fire with this probability, drawn from a PRNG seeded with `seed`. */
  probability?: number;
  seed?: number;
  /** Stop after firing this many times; unlimited when absent. */
  times?: number;
  /** throttle: seconds in `Retry-After`. Default 1. */
  retryAfterSeconds?: number;
  /** serverError: 500, 502, 503 or 504. Default 503. */
  status?: number;
  /** delay: milliseconds before the request is handled. */
  delayMs?: number;
  /** cutConnection: bytes of the body sent before the socket is destroyed. Default: half the body. */
  cutAfterBytes?: number;
}

export interface FaultRule extends FaultRuleInput {
  id: string;
  everyNth: number;
  /** Matching requests seen so far. */
  seen: number;
  /** Times this rule fired. */
  fired: number;
}
