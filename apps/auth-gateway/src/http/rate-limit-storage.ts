import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Window {
  /** Epoch ms when the current window ends. */
  endsAt: number;
  hits: number;
  /** Epoch ms until which the client is refused (0: not blocked). */
  blockedUntil: number;
}

/** Swept when the table is this large, so a scan of many addresses cannot grow it without bound. */
const SWEEP_AT = 10_000;

/**
 * The rate limit's counters in constant time per request: a fixed window per client and endpoint
 * group. The throttler's default storage keeps every hit's expiry and filters that list on every
 * request (and arms a timer per hit), which grows with the limit: thousands of entries for a client
 * address many users share behind one NAT. Over the limit, the client is blocked for the block
 * duration (the window length unless configured), as the default storage does.
 */
export class FixedWindowRateLimitStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly now: () => number = Date.now) {}

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    const id = `${throttlerName}|${key}`;
    let window = this.windows.get(id);
    if (!window || (window.endsAt <= now && window.blockedUntil <= now)) {
      if (this.windows.size >= SWEEP_AT) this.sweep(now);
      window = { endsAt: now + ttl, hits: 0, blockedUntil: 0 };
      this.windows.set(id, window);
    } else if (window.endsAt <= now) {
      window.endsAt = now + ttl;
      window.hits = 0;
    }
    if (window.blockedUntil <= now) {
      window.hits++;
      if (window.hits > limit) window.blockedUntil = now + blockDuration;
    }
    const isBlocked = window.blockedUntil > now;
    return Promise.resolve({
      totalHits: window.hits,
      timeToExpire: Math.ceil((window.endsAt - now) / 1000),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil((window.blockedUntil - now) / 1000) : 0,
    });
  }

  private sweep(now: number): void {
    for (const [id, window] of this.windows) {
      if (window.endsAt <= now && window.blockedUntil <= now) this.windows.delete(id);
    }
  }
}
