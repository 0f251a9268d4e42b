import type { FixtureUser } from '../../fixture/fixture.types';
import { aadsts } from '../errors/aadsts-catalog';
import type { RegisteredClient } from '../clients/registered-client';

/** The role id of "default access", an assignment without an app role. */
const DEFAULT_ACCESS_ROLE_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The user's assignments to the app (appRoleAssignments with the app's service principal as resource).
 * With "assignment required" an unassigned user is refused with AADSTS50105
 * (https://learn.microsoft.com/entra/identity/enterprise-apps/assign-user-or-group-access-portal).
 * Returns the values of the app roles assigned, for the id_token's `roles`. Only direct user
 * assignments are considered; assignments to groups are not emulated.
 */
export function requireUserAssignment(client: RegisteredClient, user: FixtureUser): string[] {
  const spId = client.servicePrincipalId;
  const assignments = spId
    ? client.tenant.appRoleAssignmentsOf(user.id).filter((assignment) => assignment.resourceId === spId)
    : [];
  if (client.assignmentRequired && assignments.length === 0)
    throw aadsts.userNotAssigned(client.appId, client.displayName);
  const roleValues = new Map(client.appRoles.map((role) => [role.id, role.value]));
  const values = assignments
    .filter((assignment) => assignment.appRoleId !== DEFAULT_ACCESS_ROLE_ID)
    .map((assignment) => roleValues.get(assignment.appRoleId))
    .filter((value): value is string => typeof value === 'string' && value.length > 0);
  return [...new Set(values)];
}
