import { randomUUID } from 'node:crypto';
import { SeededRandom } from '../fixture/seeded-random';
import type { FaultRule, FaultRuleInput } from './fault-rule';

/** What the middleware knows about a request when deciding on a fault. */
export interface FaultTarget {
  path: string;
  /** Tenant id, if the request names one (token `tid` or authority path); resolved to the id. */
  tenantId: string | undefined;
}

/**
 * The active fault rules and their counters. Decisions are deterministic: every Nth matching request,
 * or a PRNG seeded per rule, so a failing test replays the same way.
 */
export class FaultController {
  private rules: FaultRule[] = [];
  private readonly randoms = new Map<string, SeededRandom>();

  constructor(
    private readonly resolveTenantId: (idOrDomain: string) => string | undefined = (value) =>
      value.toLowerCase(),
  ) {}

  add(input: FaultRuleInput): FaultRule {
    const rule: FaultRule = { ...input, id: randomUUID(), everyNth: input.everyNth ?? 1, seen: 0, fired: 0 };
    if (input.tenant) rule.tenant = this.resolveTenantId(input.tenant) ?? input.tenant.toLowerCase();
    if (input.probability !== undefined) this.randoms.set(rule.id, new SeededRandom(input.seed ?? 1));
    this.rules.push(rule);
    return rule;
  }

  /** Shortcut for tests: 429 with `Retry-After` on every Nth request. */
  throttleEvery(
    everyNth: number,
    retryAfterSeconds = 1,
    scope: Pick<FaultRuleInput, 'pathPrefix' | 'tenant' | 'times'> = {},
  ): FaultRule {
    return this.add({ kind: 'throttle', everyNth, retryAfterSeconds, ...scope });
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    this.randoms.delete(id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
    this.randoms.clear();
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /** The first rule that fires for this request, counting it on every matching rule. */
  decide(target: FaultTarget): FaultRule | undefined {
    let chosen: FaultRule | undefined;
    for (const rule of this.rules) {
      if (rule.pathPrefix && !target.path.toLowerCase().startsWith(rule.pathPrefix.toLowerCase())) continue;
      if (rule.tenant && rule.tenant !== target.tenantId) continue;
      if (rule.times !== undefined && rule.fired >= rule.times) continue;
      rule.seen++;
      const random = this.randoms.get(rule.id);
      const fires = random ? random.next() < (rule.probability ?? 0) : rule.seen % rule.everyNth === 0;
      if (fires && !chosen) {
        rule.fired++;
        chosen = rule;
      }
    }
    return chosen;
  }
}
