import type { EffectiveSetupOptions } from '@archive365/contracts';

export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const EXCHANGE_ONLINE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';

export interface RequiredPermission {
  /** appId of the API (Microsoft Graph or Office 365 Exchange Online). */
  resourceAppId: string;
  resourceName: string;
  /** The app role's value, as the token's `roles` carries it. */
  value: string;
  /** Why the archive needs it, in the administrator's words. */
  reason: string;
  /**
   * Where it is granted: `entra` = admin consent (an app role assignment, tenant-wide); `exchange` =
   * Exchange "RBAC for Applications", scoped to the archived mailboxes. A tenant-wide Entra grant of an
   * `exchange` permission would defeat the scope, so the setup never consents to those in Entra.
   */
  grantedIn: 'entra' | 'exchange';
  /** The Exchange application role that grants it with a scope. */
  exchangeRole?: string;
  legacy?: boolean;
}

const graph = (value: string, reason: string): RequiredPermission => ({
  resourceAppId: MICROSOFT_GRAPH_APP_ID,
  resourceName: 'Microsoft Graph',
  value,
  reason,
  grantedIn: 'entra',
});

const scopedMail = (value: string, reason: string): RequiredPermission => ({
  ...graph(value, reason),
  grantedIn: 'exchange',
  exchangeRole: `Application ${value}`,
});

/**
 * The application permissions an instance needs, least privilege first (Microsoft Graph permissions
 * reference; each API's "Permissions" table names the least privileged one). App role ids are read
 * from the resource's service principal in the tenant, never guessed.
 */
export function requiredPermissions(options: EffectiveSetupOptions): RequiredPermission[] {
  const permissions: RequiredPermission[] =
    options.directoryAccess === 'directory-read-all'
      ? [graph('Directory.Read.All', 'read users and group memberships (the broader legacy grant)')]
      : [
          graph('User.Read.All', 'read the users to archive'),
          graph('GroupMember.Read.All', 'read the members of the groups that select who is archived'),
        ];
  // Directory.Read.All does not cover places: without this, room mailboxes look like shared ones.
  permissions.push(
    graph('Place.Read.All', 'tell room mailboxes apart from shared ones, so rooms follow their own option'),
  );
  if (options.mailAccess === 'graph') {
    permissions.push(
      scopedMail('Mail.Read', 'read the archived mailboxes, and only those'),
      scopedMail('MailboxItem.Export.All', 'export archived mailbox items in full fidelity, and only those'),
    );
  }
  if (options.legacyEws) {
    permissions.push({
      resourceAppId: EXCHANGE_ONLINE_APP_ID,
      resourceName: 'Office 365 Exchange Online',
      value: 'full_access_as_app',
      reason:
        'legacy EWS access to all mailboxes: Exchange Online blocks EWS since 1 October 2026 unless the tenant allows the app, and turns it off on 1 April 2027',
      grantedIn: 'entra',
      legacy: true,
    });
  }
  return permissions;
}

/** The permissions admin consent grants in Entra ID (the ones a token's `roles` carries). */
export const entraGranted = (permissions: RequiredPermission[]) =>
  permissions.filter((permission) => permission.grantedIn === 'entra');

/** The instance's Web redirect URI: `https://<public-host>/<alias>/oidc/signin`. */
export function redirectUriOf(publicBaseUrl: string, alias: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/${alias}/oidc/signin`;
}
