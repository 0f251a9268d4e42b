import type { AccessTokenClaims } from '../../issued-tokens/emulator-context';
import { GraphError } from './graph-error';
import { hasPermission, PERMISSIONS, requireConsentAdmin } from './graph-permissions';
import { graphPathSegments } from '../graph-path';

const base: AccessTokenClaims = {
  aud: 'https://graph.microsoft.com',
  iss: 'https://sts.windows.net/t/',
  tid: 't',
  appid: 'a',
  oid: 'o',
  idtyp: 'app',
  ver: '1.0',
  iat: 0,
  nbf: 0,
  exp: 0,
};

describe('Graph permission checks', () => {
  it('reads roles for app-only tokens and scp for delegated ones', () => {
    expect(hasPermission({ ...base, roles: ['Directory.Read.All'] }, PERMISSIONS.readUsers)).toBe(true);
    expect(hasPermission({ ...base, roles: [] }, PERMISSIONS.readUsers)).toBe(false);
    expect(hasPermission({ ...base, scp: 'Directory.Read.All' }, PERMISSIONS.readUsers)).toBe(false);
    const delegated = { ...base, idtyp: 'user' as const };
    expect(hasPermission({ ...delegated, scp: 'openid profile User.Read' }, PERMISSIONS.readMe)).toBe(true);
    expect(hasPermission({ ...delegated, scp: 'openid profile User.Read' }, PERMISSIONS.readUsers)).toBe(
      false,
    );
    expect(
      hasPermission({ ...delegated, roles: ['Application.ReadWrite.All'] }, PERMISSIONS.writeApplications),
    ).toBe(false);
  });

  it('lets only admins grant consent with a delegated token', () => {
    const user = { ...base, idtyp: 'user' as const, scp: 'AppRoleAssignment.ReadWrite.All' };
    expect(() => requireConsentAdmin({ ...user, wids: ['b79fbf4d-3ef9-4689-8143-76b194e85509'] })).toThrow(
      GraphError,
    );
    expect(() =>
      requireConsentAdmin({ ...user, wids: ['62e90394-69f5-4237-9190-012177145e10'] }),
    ).not.toThrow();
    expect(() => requireConsentAdmin(base)).not.toThrow();
  });
});

describe('Graph path segments', () => {
  it('decodes segments and rewrites alternate keys and function calls', () => {
    expect(graphPathSegments('/users/adele%40contoso.com')).toEqual(['users', 'adele@contoso.com']);
    expect(graphPathSegments("/applications(appId='abc')")).toEqual(['applications', '(appId)', 'abc']);
    expect(graphPathSegments('/users/delta()')).toEqual(['users', 'delta']);
    expect(graphPathSegments('/users/microsoft.graph.delta()')).toEqual(['users', 'delta']);
    expect(() => graphPathSegments('/users/%E0%A4%A')).toThrow(/not valid percent-encoding/);
  });
});
