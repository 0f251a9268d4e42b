/**
 * Graph's identity throttling model, opt-in: each app gets a budget of resource units per tenant per
 * window (Microsoft: 8,000 units per 10 seconds for tenants above 500 users), each request costs
 * units by kind (GET users 2, members 3, transitiveMembers 5), and a request over budget is answered
 * 429 with Retry-After until the window ends
 * (https://learn.microsoft.com/graph/throttling-limits#identity-and-access-service-limits).
 */
export interface ThrottlingSettings {
  enabled: boolean;
  resourceUnitsPerWindow: number;
  windowMs: number;
}

export const DEFAULT_THROTTLING: ThrottlingSettings = {
  enabled: false,
  resourceUnitsPerWindow: 8000,
  windowMs: 10_000,
};

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Window {
  startedAt: number;
  used: number;
}

export class ResourceUnitThrottle {
  private current: ThrottlingSettings = { ...DEFAULT_THROTTLING };
  private readonly windows = new Map<string, Window>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  get settings(): ThrottlingSettings {
    return { ...this.current };
  }

  configure(settings: Partial<ThrottlingSettings>): ThrottlingSettings {
    this.current = { ...this.current, ...settings };
    this.windows.clear();
    return this.settings;
  }

  /** Spends `cost` units of the caller's budget (app + tenant), or says how long to wait. */
  charge(caller: string, cost: number): ThrottleDecision {
    if (!this.current.enabled) return { allowed: true };
    const now = this.now();
    let window = this.windows.get(caller);
    if (!window || now - window.startedAt >= this.current.windowMs) {
      window = { startedAt: now, used: 0 };
      this.windows.set(caller, window);
    }
    if (window.used + cost > this.current.resourceUnitsPerWindow) {
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((window.startedAt + this.current.windowMs - now) / 1000)),
      };
    }
    window.used += cost;
    return { allowed: true };
  }
}
