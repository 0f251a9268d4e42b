import { retryDelayMs } from './retry-delay';

describe('retryDelayMs', () => {
  it("honours Graph's Retry-After in seconds, capped", () => {
    expect(retryDelayMs(0, '3', 60_000)).toBe(3000);
    expect(retryDelayMs(5, '0', 60_000)).toBe(0);
    expect(retryDelayMs(0, '600', 60_000)).toBe(60_000);
  });

  it('backs off exponentially with jitter without Retry-After', () => {
    expect(retryDelayMs(0, null, 60_000, () => 0)).toBe(125);
    expect(retryDelayMs(0, null, 60_000, () => 1)).toBe(250);
    expect(retryDelayMs(3, undefined, 60_000, () => 0.5)).toBe(1500);
    expect(retryDelayMs(20, 'soon', 60_000, () => 1)).toBe(60_000);
  });
});
