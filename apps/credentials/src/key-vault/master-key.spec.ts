import { CredentialsErrorCode } from '../errors';
import { randomBytes } from 'node:crypto';
import { parseMasterKeys } from './master-key';

describe('parseMasterKeys', () => {
  const keyA = randomBytes(32).toString('base64');
  const keyB = randomBytes(32).toString('base64');

  it('parses several id:base64 entries, tolerating spaces', () => {
    const keys = parseMasterKeys(` k2026a:${keyA} , k2025b:${keyB},`);
    expect(keys.map((key) => key.id)).toEqual(['k2026a', 'k2025b']);
    expect(keys[0].key.equals(Buffer.from(keyA, 'base64'))).toBe(true);
    expect(keys[1].key).toHaveLength(32);
  });

  const short = randomBytes(16).toString('base64');
  it.each([
    ['', /No master key is configured/],
    ['  ,  ', /No master key is configured/],
    [`${keyA}`, /entry 1 is not in the form "<id>:<base64 key>"/],
    [`k1:${keyA},bad id!:${keyB}`, /entry 2: the master key id must be 1 to 64 letters/],
    [`k1:${keyA.slice(0, -4)}!!!!`, /Master key "k1" is not valid base64/],
    [`k1:${short}`, /Master key "k1" decodes to 16 bytes; it must be exactly 32 bytes/],
    [`k1:${keyA},k1:${keyB}`, /Master key id "k1" appears twice/],
  ])('rejects %p with a clear message that does not echo the key', (config, message) => {
    let caught: unknown;
    try {
      parseMasterKeys(config);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({
      name: 'CredentialsError',
      code: CredentialsErrorCode.MasterKeyConfigInvalid,
    });
    const text = (caught as Error).message;
    expect(text).toMatch(message);
    for (const secret of [keyA, keyB, short, keyA.slice(0, -4)]) {
      expect(text).not.toContain(secret);
    }
  });
});
