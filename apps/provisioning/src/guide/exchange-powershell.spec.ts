import { effectiveSetupOptions } from '@archive365/contracts';
import { requiredPermissions } from '../graph/permissions';
import { exchangeScopeScript } from './exchange-powershell';

const mail = requiredPermissions(effectiveSetupOptions(undefined)).filter(
  (permission) => permission.grantedIn === 'exchange',
);

describe('Exchange RBAC for Applications script', () => {
  it('scopes licensed users to user mailboxes and assigns each mail role within the scope', () => {
    const script = exchangeScopeScript({
      alias: 'contoso',
      appDisplayName: 'Email archive (contoso)',
      clientId: '11111111-2222-3333-4444-555555555555',
      syncFilter: 'licensed',
      permissions: mail,
    });
    expect(script).toContain(
      `New-ManagementScope -Name "Email archive contoso" -RecipientRestrictionFilter "RecipientTypeDetails -eq 'UserMailbox'"`,
    );
    expect(script).toContain(
      'New-ManagementRoleAssignment -App 11111111-2222-3333-4444-555555555555 -Role "Application Mail.Read" -CustomResourceScope "Email archive contoso"',
    );
    expect(script).toContain('-Role "Application MailboxItem.Export.All"');
    expect(script).toContain(
      'New-ServicePrincipal -AppId 11111111-2222-3333-4444-555555555555 -ObjectId <Object ID',
    );
  });

  it('scopes a group filter to the group by its distinguished name and warns about nesting', () => {
    const script = exchangeScopeScript({
      alias: 'contoso',
      appDisplayName: 'Email archive (contoso)',
      clientId: 'id',
      servicePrincipalObjectId: 'sp',
      syncFilter: 'groups',
      groupAddress: 'archive"d@contoso.com',
      permissions: mail,
    });
    expect(script).toContain('$group = Get-Group -Identity "archive`"d@contoso.com"');
    expect(script).toContain(`"MemberOfGroup -eq '$($group.DistinguishedName)'"`);
    expect(script).toContain('direct members only');
    expect(script).toContain('-ObjectId sp ');
  });
});
