import { timingSafeEqual } from 'node:crypto';
import type { FixtureUser } from '../fixture/fixture.types';
import type { EmulatorStore, TenantState } from '../store/store.types';
import { aadsts } from './errors/aadsts-catalog';
import { findUserTenant, tenantDisplayName } from './tenant-resolver';

export interface AuthenticatedUser {
  tenant: TenantState;
  user: FixtureUser;
}

/**
 * Checks a user name and password typed on a sign-in page. `tenantSegment` is the tenant id of the
 * request, or `common`/`organizations`, where the user's own tenant is found from the name.
 * Users without an `emulatorPassword` cannot sign in interactively.
 */
export function authenticateUser(
  store: EmulatorStore,
  tenantSegment: string,
  login: string,
  password: string,
): AuthenticatedUser {
  const name = login.trim();
  const tenant = store.tenant(tenantSegment) ?? findUserTenant(store, name);
  const user = tenant?.userByPrincipalName(name);
  if (!tenant || !user) throw aadsts.userNotFound(name, tenant ? tenantDisplayName(tenant) : tenantSegment);
  if (!user.emulatorPassword || !samePassword(user.emulatorPassword, password))
    throw aadsts.invalidPassword();
  if (user.accountEnabled === false) throw aadsts.userDisabled();
  return { tenant, user };
}

function samePassword(expected: string, presented: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(presented, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
