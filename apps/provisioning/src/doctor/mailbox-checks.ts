import type { DoctorCheckView, EffectiveSetupOptions, RunDoctorRequest } from '@archive365/contracts';
import { GraphCallError, type GraphSession } from '../graph/graph-session';
import { fail, pass, skip, warn } from './check';

const TITLE_IN = 'An archived mailbox is readable';
const TITLE_OUT = 'A mailbox outside the archive is refused (Exchange RBAC for Applications scope)';

/**
 * Mailbox scope: Exchange "RBAC for Applications" is granted in Exchange, not visible in Graph, so it
 * is verified by reading: an archived mailbox must answer, one outside the scope must be refused. An
 * unscoped tenant-wide Entra grant of the same permission lets both through (Microsoft Learn, "Role
 * Based Access Control for Applications in Exchange Online").
 */
export async function mailboxChecks(
  graph: GraphSession,
  options: EffectiveSetupOptions,
  roles: string[] | undefined,
  request: Pick<RunDoctorRequest, 'archivedMailbox' | 'outOfScopeMailbox'>,
): Promise<DoctorCheckView[]> {
  if (options.mailAccess !== 'graph') return [];
  if (!roles) {
    return [
      skip('mailbox-in-scope', TITLE_IN, 'not checked: no token could be issued'),
      skip('mailbox-out-of-scope', TITLE_OUT, 'not checked: no token could be issued'),
    ];
  }
  const checks: DoctorCheckView[] = [];
  if (!request.archivedMailbox) {
    checks.push(skip('mailbox-in-scope', TITLE_IN, 'give an archived mailbox to check it'));
  } else {
    const answer = await readMailbox(graph, request.archivedMailbox);
    checks.push(
      answer === 'readable'
        ? pass('mailbox-in-scope', TITLE_IN, `${request.archivedMailbox} answered`)
        : fail('mailbox-in-scope', TITLE_IN, {
            code: answer,
            message: `Reading ${request.archivedMailbox} was refused (${answer}): the mailbox is not in the app's Exchange management scope, or Mail.Read is not assigned in Exchange.`,
            fix: "Run the guide's Exchange PowerShell (New-ManagementScope and New-ManagementRoleAssignment -App) for the archived mailboxes, then check with Test-ServicePrincipalAuthorization.",
          }),
    );
  }
  if (!request.outOfScopeMailbox) {
    checks.push(skip('mailbox-out-of-scope', TITLE_OUT, 'give a mailbox outside the archive to check it'));
  } else {
    const answer = await readMailbox(graph, request.outOfScopeMailbox);
    checks.push(
      answer === 'readable'
        ? warn('mailbox-out-of-scope', TITLE_OUT, {
            code: 'TENANT_WIDE_MAIL_GRANT',
            message: `${request.outOfScopeMailbox}, outside the archive, is readable: the app can read every mailbox. A tenant-wide Entra grant of Mail.Read (or MailboxItem.Export.All) defeats the Exchange scope.`,
            fix: 'Remove the admin consent for Mail.Read and MailboxItem.Export.All in Entra ID (Enterprise applications > Permissions) and keep only the Exchange role assignments with their management scope.',
          })
        : pass('mailbox-out-of-scope', TITLE_OUT, `${request.outOfScopeMailbox} was refused (${answer})`),
    );
  }
  return checks;
}

async function readMailbox(graph: GraphSession, mailbox: string): Promise<'readable' | string> {
  try {
    await graph.get(`/users/${encodeURIComponent(mailbox)}/messages`, { select: ['id'], top: 1 });
    return 'readable';
  } catch (error) {
    if (error instanceof GraphCallError) return `${error.status} ${error.code}`;
    throw error;
  }
}
