import type * as Graph from '@microsoft/microsoft-graph-types';
import { randomUUID } from 'node:crypto';
import type { FixtureGroup, FixtureUser, TenantFixture } from '../fixture/fixture.types';
import type { TenantState } from './store.types';
import {
  ApplicationDirectory,
  type StoredAppRoleAssignment,
  type StoredPermissionGrant,
} from './application-directory';
import { grantAdminConsent, type AdminConsentGrant } from './admin-consent';
import { DirectoryError } from './directory-error';
import type { EmulatorClock } from '../shared/clock';
import { firstPartyServicePrincipals } from './first-party-service-principals';
import { GroupDirectory } from './group-directory';
import { LicenseDirectory } from './license-directory';
import { MailboxDirectory } from './mailboxes';
import { appRoleAssignmentId, permissionGrantId } from './relationship-ids';
import { UserDirectory } from './user-directory';

/** Deleted users stay restorable for 30 days (https://learn.microsoft.com/entra/fundamentals/users-restore). */
const DELETED_USER_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * One tenant held in memory: the read interface the identity half uses ({@link TenantState}) plus
 * the collections the Graph routes and the control API read and change.
 */
export class MemoryTenant implements TenantState {
  readonly id: string;
  readonly organization: Graph.Organization & { id: string };
  /** Changes when the tenant is re-seeded, so delta tokens of a previous incarnation are recognised as stale. */
  readonly generation = randomUUID();
  readonly users: UserDirectory;
  readonly groups = new GroupDirectory();
  readonly apps = new ApplicationDirectory();
  readonly licenses: LicenseDirectory;
  readonly mailboxes: MailboxDirectory;
  private readonly rolesOfPrincipal = new Map<string, string[]>();

  constructor(
    fixture: TenantFixture,
    readonly clock: EmulatorClock,
  ) {
    this.id = fixture.organization.id.toLowerCase();
    this.organization = { ...fixture.organization, id: this.id };
    this.users = new UserDirectory(clock);
    this.users.loadAll(fixture.users);
    this.groups.loadAll(fixture.groups);
    this.mailboxes = new MailboxDirectory(this.domainNames()[0] ?? this.id);
    this.licenses = new LicenseDirectory(this.id, fixture.subscribedSkus ?? [], this.users.all());
    for (const servicePrincipal of firstPartyServicePrincipals(this.id))
      this.apps.addServicePrincipal(servicePrincipal);
    for (const application of fixture.applications ?? []) this.apps.addApplication(application);
    for (const servicePrincipal of fixture.servicePrincipals ?? [])
      this.apps.addServicePrincipal(servicePrincipal);
    for (const assignment of fixture.appRoleAssignments ?? [])
      this.apps.addAppRoleAssignment(toStoredAssignment(assignment));
    for (const grant of fixture.oauth2PermissionGrants ?? []) this.apps.addGrant(toStoredGrant(grant));
    for (const role of fixture.roleAssignments ?? []) {
      if (!role.principalId || !role.roleDefinitionId) continue;
      const principal = role.principalId.toLowerCase();
      this.rolesOfPrincipal.set(principal, [
        ...(this.rolesOfPrincipal.get(principal) ?? []),
        role.roleDefinitionId,
      ]);
    }
  }

  /** Domains that resolve to this tenant (verifiedDomains[].name), lower case. */
  domainNames(): string[] {
    return (this.organization.verifiedDomains ?? [])
      .map((domain) => domain.name?.toLowerCase())
      .filter((name): name is string => !!name);
  }

  userById(id: string): FixtureUser | undefined {
    return this.users.byObjectId(id);
  }

  userByPrincipalName(userPrincipalName: string): FixtureUser | undefined {
    return this.users.byUpn(userPrincipalName);
  }

  groupById(id: string): FixtureGroup | undefined {
    return this.groups.byObjectId(id);
  }

  applicationByAppId(appId: string): Graph.Application | undefined {
    return this.apps.applicationByAppId(appId);
  }

  servicePrincipalByAppId(appId: string): Graph.ServicePrincipal | undefined {
    return this.apps.servicePrincipalByAppId(appId);
  }

  servicePrincipalByIdentifier(identifierUriOrAppId: string): Graph.ServicePrincipal | undefined {
    return this.apps.servicePrincipalByIdentifier(identifierUriOrAppId);
  }

  appRoleAssignmentsOf(servicePrincipalId: string): Graph.AppRoleAssignment[] {
    return this.apps.assignmentsHeldBy(servicePrincipalId);
  }

  delegatedGrantsOf(servicePrincipalId: string): Graph.OAuth2PermissionGrant[] {
    return this.apps.allGrants().filter((grant) => grant.clientId === servicePrincipalId.toLowerCase());
  }

  directoryRolesOf(principalId: string): string[] {
    return this.rolesOfPrincipal.get(principalId.toLowerCase()) ?? [];
  }

  // Directory changes (control API: joiners, leavers, renames, license and membership changes)

  /** Adds a user; the UPN's domain must be one of the tenant's verified domains, as in Entra ID. */
  createUser(user: FixtureUser, licenseSkuIds: string[] = []): FixtureUser {
    this.assertVerifiedDomain(user.userPrincipalName);
    // Check the licenses before adding the user: a refused joiner leaves nothing behind.
    this.licenses.assertAssignable(user, licenseSkuIds, []);
    const created = this.users.create(user);
    this.licenses.countUser(created, 1);
    if (licenseSkuIds.length > 0) this.changeLicenses(created.id, licenseSkuIds, []);
    return created;
  }

  updateUser(idOrUpn: string, changes: Partial<FixtureUser>): FixtureUser {
    if (changes.userPrincipalName !== undefined) this.assertVerifiedDomain(changes.userPrincipalName);
    return this.users.patch(this.requireUser(idOrUpn).id, changes);
  }

  /** Soft delete: the user leaves listings and frees its licenses, and stays restorable. */
  deleteUser(idOrUpn: string): FixtureUser {
    const user = this.users.softDelete(this.requireUser(idOrUpn).id);
    this.licenses.countUser(user, -1);
    return user;
  }

  restoreUser(id: string): FixtureUser {
    const user = this.users.restore(id);
    this.licenses.countUser(user, 1);
    return user;
  }

  /** Permanent delete (of a soft-deleted or live user); memberships go too. */
  purgeUser(id: string): FixtureUser {
    const live = this.users.byIdOrUpn(id);
    if (live) this.licenses.countUser(live, -1);
    const user = this.users.purge(live?.id ?? id);
    this.groups.forgetMember(user.id);
    return user;
  }

  /**
   * Purges users deleted more than 30 days ago (emulator clock), as Entra ID does with its deleted
   * items; delta then reports them as `@removed: {reason: "deleted"}`. Returns how many went.
   */
  purgeExpiredDeletedUsers(): number {
    const cutoff = this.clock.now() - DELETED_USER_RETENTION_MS;
    const expired = this.users
      .deletedUsers()
      .filter((user) => Date.parse(user.deletedDateTime ?? '') <= cutoff);
    for (const user of expired) this.purgeUser(user.id);
    return expired.length;
  }

  changeLicenses(idOrUpn: string, addSkuIds: string[], removeSkuIds: string[]): FixtureUser {
    const user = this.requireUser(idOrUpn);
    this.licenses.assign(user, addSkuIds, removeSkuIds, this.clock.nowIso());
    this.users.touch(user.id);
    return user;
  }

  /** Emulator only: the password the sign-in page accepts for this user. */
  setPassword(idOrUpn: string, password: string): void {
    this.requireUser(idOrUpn).emulatorPassword = password;
  }

  createGroup(group: FixtureGroup): FixtureGroup {
    for (const memberId of group.emulatorMemberIds ?? []) this.requireMember(memberId);
    return this.groups.add(group);
  }

  addGroupMember(groupId: string, memberId: string): void {
    this.groups.addMember(groupId, this.requireMember(memberId));
  }

  removeGroupMember(groupId: string, memberId: string): void {
    this.groups.removeMember(groupId, memberId);
  }

  /** Deletes a group: it leaves the groups it belonged to, and delta reports it `@removed`. */
  deleteGroup(groupId: string): FixtureGroup {
    return this.groups.remove(groupId);
  }

  private requireUser(idOrUpn: string): FixtureUser {
    const user = this.users.byIdOrUpn(idOrUpn);
    if (!user) throw new DirectoryError('notFound', `User '${idOrUpn}' does not exist in tenant ${this.id}.`);
    return user;
  }

  private requireMember(id: string): string {
    const member = this.users.byIdOrUpn(id) ?? this.groups.byObjectId(id);
    if (!member)
      throw new DirectoryError(
        'notFound',
        `No user or group '${id}' in tenant ${this.id} to add as a member.`,
      );
    return member.id;
  }

  private assertVerifiedDomain(userPrincipalName: string): void {
    const domain = userPrincipalName.slice(userPrincipalName.lastIndexOf('@') + 1).toLowerCase();
    if (!userPrincipalName.includes('@') || !this.domainNames().includes(domain)) {
      throw new DirectoryError(
        'badRequest',
        `The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization: ${this.domainNames().join(', ')}.`,
      );
    }
  }

  /** Admin consent for an app (see {@link grantAdminConsent}); returns the app's service principal here. */
  grantAdminConsent(
    application: Graph.Application & { appId: string },
    consent: Omit<AdminConsentGrant, 'nowIso'>,
  ): Graph.ServicePrincipal {
    return grantAdminConsent(this.apps, application, { ...consent, nowIso: this.clock.nowIso() });
  }

  /** Sets a user's directory roles (by id or UPN), e.g. Global Administrator for delegated consent. */
  setUserDirectoryRoles(idOrUpn: string, roleDefinitionIds: string[]): void {
    this.setDirectoryRoles(this.requireUser(idOrUpn).id, roleDefinitionIds);
  }

  /** Grants or revokes a directory role (e.g. Global Administrator) for the `wids` claim. */
  setDirectoryRoles(principalId: string, roleDefinitionIds: string[]): void {
    this.rolesOfPrincipal.set(principalId.toLowerCase(), [...roleDefinitionIds]);
  }
}

function toStoredAssignment(assignment: Graph.AppRoleAssignment): StoredAppRoleAssignment {
  const principalId = (assignment.principalId ?? '').toLowerCase();
  return {
    ...assignment,
    id: assignment.id ?? appRoleAssignmentId(principalId),
    principalId,
    resourceId: (assignment.resourceId ?? '').toLowerCase(),
  };
}

function toStoredGrant(grant: Graph.OAuth2PermissionGrant): StoredPermissionGrant {
  const clientId = (grant.clientId ?? '').toLowerCase();
  const resourceId = (grant.resourceId ?? '').toLowerCase();
  return {
    ...grant,
    id: grant.id ?? permissionGrantId(clientId, resourceId, grant.principalId),
    clientId,
    resourceId,
  };
}
