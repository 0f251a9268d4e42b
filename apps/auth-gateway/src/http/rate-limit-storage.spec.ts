import { FixedWindowRateLimitStorage } from './rate-limit-storage';

describe('rate limit storage (fixed window)', () => {
  let now = 1_000_000;
  const sut = new FixedWindowRateLimitStorage(() => now);
  const hit = (client: string) => sut.increment(client, 60_000, 3, 60_000, 'default');

  it('blocks a client over the limit for the block duration; other clients count on their own', async () => {
    for (let i = 1; i <= 3; i++)
      expect(await hit('10.0.0.1')).toMatchObject({ totalHits: i, isBlocked: false });
    expect(await hit('10.0.0.1')).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    expect(await hit('10.0.0.2')).toMatchObject({ totalHits: 1, isBlocked: false });

    now += 30_000;
    expect(await hit('10.0.0.1')).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    now += 30_001;
    expect(await hit('10.0.0.1')).toMatchObject({ totalHits: 1, isBlocked: false, timeToBlockExpire: 0 });
  });
});
