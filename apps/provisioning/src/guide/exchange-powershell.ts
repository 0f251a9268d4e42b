import type { MailboxScopeKind } from '@archive365/contracts';
import type { RequiredPermission } from '../graph/permissions';

export interface ExchangeScopeInput {
  alias: string;
  appDisplayName: string;
  clientId: string;
  servicePrincipalObjectId?: string;
  syncFilter: MailboxScopeKind;
  groupAddress?: string;
  permissions: RequiredPermission[];
}

const quoted = (value: string) => `"${value.replace(/"/g, '`"')}"`;

/**
 * Exchange Online PowerShell for "RBAC for Applications" (Microsoft Learn: "Role Based Access Control
 * for Applications in Exchange Online"): the app's service principal in Exchange, a management scope
 * built from the instance's sync filter, one scoped role assignment per mail permission, and a test.
 */
export function exchangeScopeScript(input: ExchangeScopeInput): string {
  const scopeName = `Email archive ${input.alias}`;
  const lines = [
    '# Exchange Online PowerShell (module ExchangeOnlineManagement), as an Exchange administrator',
    'Connect-ExchangeOnline',
    '',
    "# 1. The app's service principal, known to Exchange (Object ID: Entra ID > Enterprise applications > the app)",
    `New-ServicePrincipal -AppId ${input.clientId} -ObjectId ${
      input.servicePrincipalObjectId ?? '<Object ID of the enterprise application>'
    } -DisplayName ${quoted(input.appDisplayName)}`,
    '',
    '# 2. The mailboxes the archive may read: the same people the sync archives',
    ...scopeLines(scopeName, input),
    '',
    '# 3. The mail permissions, granted only within that scope',
    ...input.permissions.map(
      (permission) =>
        `New-ManagementRoleAssignment -App ${input.clientId} -Role ${quoted(permission.exchangeRole ?? '')} -CustomResourceScope ${quoted(scopeName)}`,
    ),
    '',
    '# 4. Check: InScope must be True for an archived mailbox and False for any other',
    `Test-ServicePrincipalAuthorization -Identity ${input.clientId} -Resource <archived mailbox address>`,
  ];
  return lines.join('\n');
}

function scopeLines(scopeName: string, input: ExchangeScopeInput): string[] {
  switch (input.syncFilter) {
    case 'groups':
      return [
        "# MemberOfGroup needs the group's distinguished name and matches direct members only:",
        "# use a group without nested groups, or list the nested groups' members in it.",
        `$group = Get-Group -Identity ${quoted(input.groupAddress ?? '<archived group address>')}`,
        `New-ManagementScope -Name ${quoted(scopeName)} -RecipientRestrictionFilter "MemberOfGroup -eq '$($group.DistinguishedName)'"`,
      ];
    case 'licensed':
    case 'enabled':
      return [
        '# Licensed (or enabled) users have user mailboxes; shared and resource mailboxes stay outside.',
        `New-ManagementScope -Name ${quoted(scopeName)} -RecipientRestrictionFilter "RecipientTypeDetails -eq 'UserMailbox'"`,
      ];
  }
}
