import { effectiveSetupOptions } from '@archive365/contracts';
import { entraGranted, redirectUriOf, requiredPermissions } from './permissions';

describe('required permissions', () => {
  it('defaults to least privilege, with mail scoped in Exchange and never consented in Entra', () => {
    const permissions = requiredPermissions(effectiveSetupOptions(undefined));
    expect(permissions.map((permission) => `${permission.value}:${permission.grantedIn}`)).toEqual([
      'User.Read.All:entra',
      'GroupMember.Read.All:entra',
      'Place.Read.All:entra',
      'Mail.Read:exchange',
      'MailboxItem.Export.All:exchange',
    ]);
    expect(entraGranted(permissions).map((permission) => permission.value)).toEqual([
      'User.Read.All',
      'GroupMember.Read.All',
      'Place.Read.All',
    ]);
    expect(permissions.find((permission) => permission.value === 'Mail.Read')?.exchangeRole).toBe(
      'Application Mail.Read',
    );
  });

  it("offers the seed's Directory.Read.All and labels EWS as legacy with its dates", () => {
    const permissions = requiredPermissions(
      effectiveSetupOptions({ directoryAccess: 'directory-read-all', mailAccess: 'none', legacyEws: true }),
    );
    expect(permissions.map((permission) => permission.value)).toEqual([
      'Directory.Read.All',
      'Place.Read.All',
      'full_access_as_app',
    ]);
    const ews = permissions[2];
    expect(ews).toMatchObject({ legacy: true, resourceAppId: '00000002-0000-0ff1-ce00-000000000000' });
    expect(ews?.reason).toContain('1 October 2026');
    expect(ews?.reason).toContain('1 April 2027');
  });

  it('builds the redirect URI from the public base URL without doubling slashes', () => {
    expect(redirectUriOf('https://archive.example.net/', 'contoso')).toBe(
      'https://archive.example.net/contoso/oidc/signin',
    );
  });
});
