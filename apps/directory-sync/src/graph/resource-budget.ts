/**
 * Graph's identity throttling budget, per app and tenant: a number of resource units per 10 s window
 * (DESIGN.md section 3: GET users 2, members 3, transitiveMembers 5, one less with `$select`). A
 * request that would overdraw the window waits for the next one, so 429s stay the exception.
 */
export class ResourceBudget {
  private readonly windows = new Map<string, { startedAt: number; used: number }>();

  constructor(
    private readonly unitsPerWindow: number,
    private readonly windowMs = 10_000,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async spend(tenantKey: string, cost: number): Promise<void> {
    for (;;) {
      const now = this.now();
      let window = this.windows.get(tenantKey);
      if (!window || now - window.startedAt >= this.windowMs) {
        window = { startedAt: now, used: 0 };
        this.windows.set(tenantKey, window);
      }
      if (window.used + cost <= this.unitsPerWindow) {
        window.used += cost;
        return;
      }
      await this.sleep(window.startedAt + this.windowMs - now);
    }
  }
}
