import type { DoctorCheckView } from '@archive365/contracts';
import { GraphCallError, type GraphSession } from '../graph/graph-session';
import { MICROSOFT_GRAPH_APP_ID, type RequiredPermission } from '../graph/permissions';
import { fail, pass, skip, warn } from './check';

/** Roles that grant more than an archive needs: reported as warnings (least privilege). */
const BROADER_THAN_NEEDED = [
  'Directory.ReadWrite.All',
  'User.ReadWrite.All',
  'Mail.ReadWrite',
  'Application.ReadWrite.All',
];

/**
 * Each permission granted in Entra ID present in the token's `roles` (what admin consent grants); a
 * permission meant to be scoped in Exchange must not be there (a tenant-wide grant defeats the scope).
 */
export function permissionChecks(
  required: RequiredPermission[],
  rolesFor: (resourceAppId: string) => string[] | undefined,
): DoctorCheckView[] {
  const roles = rolesFor(MICROSOFT_GRAPH_APP_ID);
  const checks = required
    .filter((permission) => permission.grantedIn === 'entra')
    .map((permission) => {
      const granted = rolesFor(permission.resourceAppId);
      const name = `permission:${permission.value}`;
      const title = `${permission.resourceName} ${permission.value} is granted (${permission.reason})`;
      if (!granted) return skip(name, title, 'not checked: no token could be issued');
      if (granted.includes(permission.value))
        return pass(name, title, "in the token's roles (admin consent granted)");
      return fail(name, title, {
        code: 'PERMISSION_NOT_GRANTED',
        message: `The app's token does not carry ${permission.value}: the permission is not requested, or admin consent for it is missing or was revoked.`,
        fix: `In the app registration: API permissions > Add a permission > ${permission.resourceName} > Application permissions > ${permission.value}; then "Grant admin consent". Or run the automatic setup again.`,
      });
    });
  for (const permission of required.filter((candidate) => candidate.grantedIn === 'exchange')) {
    if (!roles?.includes(permission.value)) continue;
    checks.push(
      warn(`tenant-wide:${permission.value}`, `${permission.value} is not granted tenant-wide in Entra ID`, {
        code: 'TENANT_WIDE_MAIL_GRANT',
        message: `${permission.value} is consented in Entra ID for the whole tenant: the app can read every mailbox, whatever the Exchange scope says.`,
        fix: `Remove the admin consent for ${permission.value} (Enterprise applications > the app > Permissions) and keep the Exchange role assignment "${permission.exchangeRole ?? ''}" with its management scope.`,
      }),
    );
  }
  const extra = (roles ?? []).filter((role) => BROADER_THAN_NEEDED.includes(role));
  if (extra.length > 0) {
    checks.push(
      warn('least-privilege', 'No permission broader than needed', {
        code: 'PERMISSION_TOO_BROAD',
        message: `The app also holds ${extra.join(', ')}, which the archive does not need.`,
        fix: `Remove ${extra.join(', ')} under API permissions (and revoke its admin consent).`,
      }),
    );
  }
  return checks;
}

/** One real Graph call per directory permission: the grant must work, not only be listed. */
export async function graphChecks(
  graph: GraphSession,
  required: RequiredPermission[],
  roles: string[] | undefined,
): Promise<DoctorCheckView[]> {
  const checks: DoctorCheckView[] = [];
  for (const permission of required) {
    const name = `graph:${permission.value}`;
    const title = `Microsoft Graph answers with ${permission.value}`;
    const call = GRAPH_PROBES[permission.value];
    if (!call) continue;
    if (!roles?.includes(permission.value)) {
      checks.push(skip(name, title, 'not checked: the permission is not granted'));
      continue;
    }
    try {
      checks.push(pass(name, title, await call(graph)));
    } catch (error) {
      checks.push(fail(name, title, graphProblem(error, permission.value)));
    }
  }
  return checks;
}

const GRAPH_PROBES: Record<string, (graph: GraphSession) => Promise<string>> = {
  'User.Read.All': async (graph) => {
    const users = await graph.get<{ value: unknown[] }>('/users', { select: ['id'], top: 1 });
    return `GET /users answered (${users.value.length} on the first page of 1)`;
  },
  'GroupMember.Read.All': async (graph) => {
    const groups = await graph.get<{ value: { id: string }[] }>('/groups', { select: ['id'], top: 1 });
    const [group] = groups.value;
    if (!group) return 'GET /groups answered (the tenant has no group)';
    await graph.get(`/groups/${group.id}/members`, { select: ['id'], top: 1 });
    return 'GET /groups and /groups/{id}/members answered';
  },
  'Place.Read.All': async (graph) => {
    await graph.get('/places/microsoft.graph.room', { select: ['id'], top: 1 });
    return 'GET /places/microsoft.graph.room answered';
  },
  'Directory.Read.All': async (graph) => {
    await graph.get('/organization', { select: ['id'] });
    return 'GET /organization answered';
  },
};

function graphProblem(error: unknown, permission: string) {
  if (error instanceof GraphCallError && error.status === 403) {
    return {
      code: error.code,
      message: `Microsoft Graph refused the call although ${permission} is in the token ("Insufficient privileges"): the consent may have been revoked a moment ago, or a policy blocks the app.`,
      fix: `Grant admin consent for ${permission} again, then run the checks again.`,
    };
  }
  if (error instanceof GraphCallError) {
    return {
      code: error.code,
      message: `Microsoft Graph answered ${error.status} ${error.code}.`,
      fix:
        error.status === 429 || error.status >= 500
          ? 'Run the checks again in a few minutes.'
          : 'Check the app registration and run the checks again.',
    };
  }
  return {
    code: 'GRAPH_UNREACHABLE',
    message: `Microsoft Graph could not be reached: ${error instanceof Error ? error.message : String(error)}`,
    fix: 'Check the network path from the archive to graph.microsoft.com (proxy, firewall), then run the checks again.',
  };
}
