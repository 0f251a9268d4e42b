/**
 * "Now" in milliseconds, as a part of the emulator needs it: the {@link EmulatorClock} (moved by tests)
 * or the machine's clock (for times clients set with their own clocks).
 */
export interface Clock {
  now(): number;
}

export const epochSeconds = (clock: Clock): number => Math.floor(clock.now() / 1000);

/** The machine's clock: for times that clients set with their own clocks, which the emulator's offset does not move. */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * The emulator's notion of "now", the one clock both halves read. Tests move it forward to age delta
 * tokens, soft-deleted users, tokens, codes and credentials without waiting real days.
 */
export class EmulatorClock implements Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }

  get offset(): number {
    return this.offsetMs;
  }
}
