import type { AccessTokenClaims } from '../../issued-tokens/emulator-context';
import { insufficientPrivileges } from './graph-error';

/**
 * The permissions that allow an operation: any application role (app-only tokens, `roles` claim) or
 * any delegated scope (user tokens, `scp` claim). Least-privileged first, as in each API's
 * "Permissions" table of the Microsoft Graph v1.0 reference.
 */
export interface RequiredPermissions {
  application: readonly string[];
  delegated: readonly string[];
}

const USER_READ = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const GROUP_READ = [
  'GroupMember.Read.All',
  'Group.Read.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];
const APPLICATION_READ = [
  'Application.Read.All',
  'Application.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];

export const PERMISSIONS = {
  readUsers: { application: USER_READ, delegated: ['User.ReadBasic.All', ...USER_READ] },
  readMe: { application: [], delegated: ['User.Read', ...USER_READ] },
  readGroups: { application: GROUP_READ, delegated: GROUP_READ },
  readMemberships: {
    application: [...GROUP_READ, 'User.Read.All'],
    delegated: [...GROUP_READ, 'User.Read.All'],
  },
  // Listing a group's members needs a group permission: User.Read.All alone is refused
  // (https://learn.microsoft.com/graph/api/group-list-members, "Permissions").
  readGroupMembers: {
    application: [...GROUP_READ, 'GroupMember.ReadWrite.All', 'Group.ReadWrite.All'],
    delegated: [...GROUP_READ, 'GroupMember.ReadWrite.All', 'Group.ReadWrite.All'],
  },
  readOrganization: {
    application: ['Organization.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
    delegated: ['User.Read', 'Organization.Read.All', 'Directory.Read.All'],
  },
  // Rooms are places, not directory objects: Directory.Read.All does not reach them
  // (https://learn.microsoft.com/graph/api/place-list, "Permissions").
  readPlaces: { application: ['Place.Read.All'], delegated: ['Place.Read.All'] },
  readSubscribedSkus: {
    application: ['Organization.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
    delegated: ['Organization.Read.All', 'Directory.Read.All'],
  },
  readApplications: { application: APPLICATION_READ, delegated: APPLICATION_READ },
  writeApplications: { application: ['Application.ReadWrite.All'], delegated: ['Application.ReadWrite.All'] },
  // addKey/removeKey for another app (https://learn.microsoft.com/graph/api/application-addkey,
  // "Permissions"); an app rolling its own keys needs none. Application.ReadWrite.OwnedBy needs an owner
  // relationship, which the emulator does not keep.
  rollApplicationKeys: {
    application: ['Application.ReadWrite.All', 'Directory.ReadWrite.All'],
    delegated: ['Application.ReadWrite.All', 'Directory.ReadWrite.All'],
  },
  // https://learn.microsoft.com/graph/api/user-list-messages, "Permissions".
  readMail: {
    application: ['Mail.ReadBasic.All', 'Mail.Read', 'Mail.ReadWrite'],
    delegated: ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite'],
  },
  readAppRoleAssignments: {
    application: [...APPLICATION_READ, 'AppRoleAssignment.ReadWrite.All'],
    delegated: [...APPLICATION_READ, 'AppRoleAssignment.ReadWrite.All'],
  },
  writeAppRoleAssignments: {
    application: ['AppRoleAssignment.ReadWrite.All'],
    delegated: ['AppRoleAssignment.ReadWrite.All'],
  },
  readPermissionGrants: {
    application: ['DelegatedPermissionGrant.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
    delegated: ['DelegatedPermissionGrant.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  },
  writePermissionGrants: {
    application: ['DelegatedPermissionGrant.ReadWrite.All'],
    delegated: ['DelegatedPermissionGrant.ReadWrite.All'],
  },
} satisfies Record<string, RequiredPermissions>;

/**
 * Directory roles whose holders may grant tenant-wide consent with a delegated token (Global
 * Administrator, Privileged Role Administrator, Cloud Application Administrator, Application
 * Administrator; https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent).
 */
export const CONSENT_ADMIN_ROLE_IDS = [
  '62e90394-69f5-4237-9190-012177145e10',
  'e8611ab8-c189-46e8-94e1-60213ab1f814',
  '158c047a-c907-4556-b7ef-446551a6b5f7',
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
];

export function hasPermission(claims: AccessTokenClaims, required: RequiredPermissions): boolean {
  if (claims.idtyp === 'app') return (claims.roles ?? []).some((role) => required.application.includes(role));
  const scopes = (claims.scp ?? '').split(' ').filter(Boolean);
  return scopes.some((scope) => required.delegated.includes(scope));
}

/** Throws 403 Authorization_RequestDenied unless the token carries one of the permissions. */
export function requirePermission(claims: AccessTokenClaims, required: RequiredPermissions): void {
  if (!hasPermission(claims, required)) throw insufficientPrivileges();
}

/** Delegated consent writes also need the signed-in user to hold an admin role (the `wids` claim). */
export function requireConsentAdmin(claims: AccessTokenClaims): void {
  if (claims.idtyp === 'app') return;
  if (!(claims.wids ?? []).some((role) => CONSENT_ADMIN_ROLE_IDS.includes(role)))
    throw insufficientPrivileges();
}
