import { GrantStore } from './grant-store';

describe('GrantStore', () => {
  let now = 1_800_000_000_000;
  const store = new GrantStore<string>({ now: () => now });
  const code = (expiresAt: number) =>
    store.addCode({
      tenantId: 't',
      clientAppId: 'c',
      redirectUri: 'https://app/cb',
      userId: 'u',
      scopes: ['openid'],
      expiresAt,
      redeemed: false,
    });

  it('makes unguessable, distinct codes and 9-character user codes without ambiguous letters', () => {
    expect(code(now + 1000)).not.toBe(code(now + 1000));
    const device = store.addDeviceCode({
      tenantSegment: 't',
      clientAppId: 'c',
      scopes: [],
      expiresAt: now + 1000,
      intervalSeconds: 5,
      state: 'pending',
    });
    expect(device.userCode).toMatch(/^[A-HJ-NP-Z2-9]{9}$/);
    expect(store.deviceCodeByUserCode(device.userCode.toLowerCase())).toBe(device);
    expect(device.deviceCode.length).toBeGreaterThanOrEqual(64);
  });

  it('keeps expired codes for an hour (so they answer "expired"), then sweeps them', () => {
    const expired = code(now - 1);
    store.sweep();
    expect(store.code(expired)).toBeDefined();
    now += 2 * 60 * 60 * 1000;
    store.sweep();
    expect(store.code(expired)).toBeUndefined();
    expect(store.counts()).toMatchObject({ codes: 0, deviceCodes: 0 });
  });
});
