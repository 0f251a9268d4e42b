import type { Request } from 'express';
import { SignInError, SignInErrorCode } from '../errors/sign-in-error';
import { requireSameOrigin } from './same-origin';

const ORIGIN = 'https://archive.example.net';
const request = (headers: Record<string, string>) =>
  ({ get: (name: string) => headers[name.toLowerCase()] }) as unknown as Request;
const refused = (headers: Record<string, string>) => {
  try {
    requireSameOrigin(request(headers), ORIGIN);
  } catch (error) {
    return error instanceof SignInError && error.code === SignInErrorCode.CrossSiteRequest;
  }
  return false;
};

describe('state-changing requests only from the instance itself', () => {
  it('accepts same-origin requests (Fetch Metadata and Origin agree)', () => {
    expect(refused({ 'sec-fetch-site': 'same-origin', origin: ORIGIN })).toBe(false);
    expect(refused({ origin: ORIGIN })).toBe(false);
    // A form post from a page with Referrer-Policy no-referrer.
    expect(refused({ 'sec-fetch-site': 'same-origin', origin: 'null' })).toBe(false);
  });

  it('refuses cross-site and same-site requests, other origins, and requests with neither header', () => {
    expect(refused({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' })).toBe(true);
    expect(refused({ 'sec-fetch-site': 'same-site', origin: 'https://other.archive.example.net' })).toBe(
      true,
    );
    expect(refused({ origin: 'https://evil.example' })).toBe(true);
    expect(refused({ origin: 'null' })).toBe(true);
    expect(refused({ 'sec-fetch-site': 'same-origin', origin: 'https://evil.example' })).toBe(true);
    expect(refused({ 'sec-fetch-site': 'none' })).toBe(true);
    expect(refused({})).toBe(true);
  });
});
