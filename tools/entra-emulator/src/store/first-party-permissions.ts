/**
 * Permission ids of Microsoft's first-party APIs, as published in the Microsoft Graph permissions
 * reference (https://learn.microsoft.com/graph/permissions-reference) and on Exchange Online's own
 * service principal. They are identical in every tenant, so code under test may hard-code them.
 */
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const MICROSOFT_GRAPH_IDENTIFIER = 'https://graph.microsoft.com';
export const EXCHANGE_ONLINE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';
export const EXCHANGE_ONLINE_IDENTIFIER = 'https://outlook.office365.com';

export interface FirstPartyPermission {
  value: string;
  id: string;
  displayName: string;
}

/** Application permissions (app roles) of Microsoft Graph that the emulator knows. */
export const GRAPH_APP_ROLES: readonly FirstPartyPermission[] = [
  {
    value: 'Directory.Read.All',
    id: '7ab1d382-f21e-4acd-a863-ba3e13f7da61',
    displayName: 'Read directory data',
  },
  {
    value: 'Directory.ReadWrite.All',
    id: '19dbc75e-c2e2-444c-a770-ec69d8559fc7',
    displayName: 'Read and write directory data',
  },
  {
    value: 'User.Read.All',
    id: 'df021288-bdef-4463-88db-98f22de89214',
    displayName: "Read all users' full profiles",
  },
  {
    value: 'User.ReadWrite.All',
    id: '741f803b-c850-494e-b5df-cde7c675a1ca',
    displayName: "Read and write all users' full profiles",
  },
  {
    value: 'Place.Read.All',
    id: '913b9306-0ce1-42b8-9137-6a7df690a760',
    displayName: 'Read all company places',
  },
  {
    value: 'GroupMember.Read.All',
    id: '98830695-27a2-44f7-8c18-0c3ebc9698f6',
    displayName: 'Read all group memberships',
  },
  { value: 'Group.Read.All', id: '5b567255-7703-4780-807c-7be8301ae99b', displayName: 'Read all groups' },
  {
    value: 'Organization.Read.All',
    id: '498476ce-e0fe-48b0-b801-37ba7e2685c6',
    displayName: 'Read organization information',
  },
  {
    value: 'Application.Read.All',
    id: '9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30',
    displayName: 'Read all applications',
  },
  {
    value: 'Application.ReadWrite.All',
    id: '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9',
    displayName: 'Read and write all applications',
  },
  {
    value: 'AppRoleAssignment.ReadWrite.All',
    id: '06b708a9-e830-4db3-a914-8e69da51d44f',
    displayName: 'Manage app permission grants and app role assignments',
  },
  {
    value: 'DelegatedPermissionGrant.ReadWrite.All',
    id: '8e8e4742-1d95-4f68-9d56-6ee75648c72a',
    displayName: 'Manage all delegated permission grants',
  },
  // Mail (Exchange Online through Graph). Exchange's RBAC for Applications can scope these per mailbox.
  {
    value: 'Mail.Read',
    id: '810c84a8-4a9e-49e6-bf7d-12d183f40d01',
    displayName: 'Read mail in all mailboxes',
  },
  {
    value: 'Mail.ReadBasic.All',
    id: '693c5e45-0940-467d-9b8a-1022fb9d42ef',
    displayName: 'Read basic mail in all mailboxes',
  },
  {
    value: 'MailboxFolder.Read.All',
    id: '99280d24-a782-4793-93cc-0888549957f6',
    displayName: "Read all users' mailbox folders",
  },
  {
    value: 'MailboxItem.Read.All',
    id: '435644c6-a5b1-40bf-8de8-4a2af15b5570',
    displayName: "Read all users' mailbox items",
  },
  {
    value: 'MailboxItem.Export.All',
    id: '937550e9-33a3-494b-88ae-d9cd394b1fbb',
    displayName: "Export all users' mailbox items",
  },
];

/** Delegated permissions (oauth2PermissionScopes) of Microsoft Graph that the emulator knows. */
export const GRAPH_DELEGATED_SCOPES: readonly (FirstPartyPermission & { adminOnly: boolean })[] = [
  {
    value: 'openid',
    id: '37f7f235-527c-4136-accd-4a02d197296e',
    displayName: 'Sign users in',
    adminOnly: false,
  },
  {
    value: 'profile',
    id: '14dad69e-099b-42c9-810b-d002981feec1',
    displayName: "View users' basic profile",
    adminOnly: false,
  },
  {
    value: 'email',
    id: '64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0',
    displayName: "View users' email address",
    adminOnly: false,
  },
  {
    value: 'offline_access',
    id: '7427e0e9-2fba-42fe-b0c0-848c9e6a8182',
    displayName: 'Maintain access to data you have given it access to',
    adminOnly: false,
  },
  {
    value: 'User.Read',
    id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d',
    displayName: 'Sign in and read user profile',
    adminOnly: false,
  },
  {
    value: 'Mail.Read',
    id: '570282fd-fa5c-430d-a7fd-fc8dc98a9dca',
    displayName: 'Read user mail',
    adminOnly: false,
  },
  {
    value: 'User.Read.All',
    id: 'a154be20-db9c-4678-8ab7-66f6cc099a59',
    displayName: "Read all users' full profiles",
    adminOnly: true,
  },
  {
    value: 'GroupMember.Read.All',
    id: 'bc024368-1153-4739-b217-4326f2e966d0',
    displayName: 'Read group memberships',
    adminOnly: true,
  },
  {
    value: 'Directory.Read.All',
    id: '06da0dbc-49e2-44d2-8312-53f166ab848a',
    displayName: 'Read directory data',
    adminOnly: true,
  },
  {
    value: 'Application.Read.All',
    id: 'c79f8feb-a9db-4090-85f9-90d820caa0eb',
    displayName: 'Read applications',
    adminOnly: true,
  },
  {
    value: 'Application.ReadWrite.All',
    id: 'bdfbf15f-ee85-4955-8675-146e8e5296b5',
    displayName: 'Read and write all applications',
    adminOnly: true,
  },
  {
    value: 'AppRoleAssignment.ReadWrite.All',
    id: '84bccea3-f856-4a8a-967b-dbe0a3d53a64',
    displayName: 'Manage app permission grants and app role assignments',
    adminOnly: true,
  },
  {
    value: 'DelegatedPermissionGrant.ReadWrite.All',
    id: '41ce6ca6-6826-4807-84f1-1c82854f7ee5',
    displayName: 'Manage all delegated permission grants',
    adminOnly: true,
  },
];

/** Office 365 Exchange Online's application permission used by archives (EWS impersonation). */
export const EXCHANGE_APP_ROLES: readonly FirstPartyPermission[] = [
  {
    value: 'full_access_as_app',
    id: 'dc890d15-9560-4a4c-9b7f-a736ec74ec40',
    displayName: 'Use Exchange Web Services with full access to all mailboxes',
  },
];

export const EXCHANGE_DELEGATED_SCOPES: readonly (FirstPartyPermission & { adminOnly: boolean })[] = [
  {
    value: 'EWS.AccessAsUser.All',
    id: '3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5',
    displayName: 'Access mailboxes as the signed-in user via Exchange Web Services',
    adminOnly: false,
  },
];
