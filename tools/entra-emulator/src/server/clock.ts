/**
 * "Now" as the emulator sees it, in milliseconds. The directory half's EmulatorClock satisfies it, so
 * moving that clock ages tokens, codes and device codes too, and tests never sleep.
 */
export interface Clock {
  now(): number;
}

export const epochSeconds = (clock: Clock): number => Math.floor(clock.now() / 1000);

/** The machine's clock: for times that clients set with their own clocks, which the emulator's offset does not move. */
export const systemClock: Clock = { now: () => Date.now() };
