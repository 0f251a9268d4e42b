import type { ResolvedInstance } from '../instances/resolved-instance';
import { safeReturnTo } from './return-to';

const instance = {
  origin: 'https://archive.example.net',
  baseUrl: 'https://archive.example.net/contoso',
} as ResolvedInstance;
const fallback = '/contoso/oidc/me';

describe('return URLs after sign-in stay on the instance (RFC 9700 4.11, no open redirects)', () => {
  it.each([
    ['/contoso/mail/inbox?folder=1#top', '/contoso/mail/inbox?folder=1#top'],
    ['https://archive.example.net/contoso/addin/dialog/done', '/contoso/addin/dialog/done'],
    ['mail', '/contoso/mail'],
  ])('keeps %s', (requested, kept) => {
    expect(safeReturnTo(instance, requested)).toBe(kept);
  });

  it.each([
    'https://evil.example/contoso/',
    '//evil.example/contoso/',
    '/\\evil.example/',
    'https://archive.example.net/other-instance/',
    '/other-instance/',
    'https://user:pw@archive.example.net/contoso/',
    'javascript:alert(1)',
    '/contoso/\u0000x',
    'http://archive.example.net/contoso/',
    undefined,
    ['/contoso/a', '/contoso/b'],
  ])('falls back for %p', (requested) => {
    expect(safeReturnTo(instance, requested)).toBe(fallback);
  });
});
