import type { UserFilter } from '@archive365/contracts';
import type { DirectoryUser, GroupMembership } from '../graph/directory-reader';

export interface Scope {
  filter: UserFilter;
  includeGuests: boolean;
  includeSharedMailboxes: boolean;
  includeRooms: boolean;
  includeDisabled: boolean;
  /** For the groups filter: who is a member, and through which groups. */
  membership?: GroupMembership;
  /** Mail addresses of rooms (`/places`), when Graph lets us read them; else rooms count as shared mailboxes. */
  roomAddresses?: Set<string>;
}

export interface Verdict {
  included: boolean;
  /** Why, in the administrator's words: the filter, the group path, the option. */
  reasons: string[];
}

/** Licensed for Exchange = an `assignedPlans` entry for `exchange` whose capability is `Enabled`. */
export function hasExchangePlan(user: DirectoryUser): boolean {
  return (user.assignedPlans ?? []).some(
    (plan) => plan.service?.toLowerCase() === 'exchange' && plan.capabilityStatus === 'Enabled',
  );
}

/**
 * Graph's `/users` does not say "shared mailbox" or "room": they are mailboxes (an address) whose account
 * is disabled, with no Exchange license and no personal name. A disabled employee keeps a given name or a
 * surname; that tells them apart.
 */
function isResourceMailbox(user: DirectoryUser): boolean {
  return (
    user.accountEnabled === false &&
    Boolean(user.mail) &&
    !hasExchangePlan(user) &&
    !user.givenName &&
    !user.surname &&
    user.userType !== 'Guest'
  );
}

function groupReason(paths: string[][]): string {
  return paths
    .map((path) =>
      path.length === 1
        ? `member of group "${path[0]}"`
        : `member of group "${path[0]}" through nested group ${path
            .slice(1)
            .map((name) => `"${name}"`)
            .join(' > ')}`,
    )
    .join('; ');
}

/** Whether one directory user is in scope, and why (pure: the preview and the apply share it). */
export function classifyUser(user: DirectoryUser, scope: Scope): Verdict {
  const reasons: string[] = [];
  let included = true;
  const out = (reason: string) => {
    included = false;
    reasons.push(reason);
  };

  // The filter.
  switch (scope.filter) {
    case 'licensed':
      if (hasExchangePlan(user)) reasons.push('licensed: an Exchange Online plan is enabled');
      else if (user.userType !== 'Guest' && !isResourceMailbox(user)) out('no enabled Exchange Online plan');
      break;
    case 'enabled':
      if (user.accountEnabled !== false) reasons.push('account enabled');
      break;
    case 'groups': {
      const paths = scope.membership?.get(user.id.toLowerCase());
      if (paths) reasons.push(groupReason(paths));
      else out('not a member of the chosen groups');
      break;
    }
  }

  // The options: kinds of accounts that need an explicit yes.
  if (user.userType === 'Guest') {
    if (scope.includeGuests) reasons.push('guest account: included (guests option on)');
    else out('guest account: guests are excluded (option off)');
  } else if (isResourceMailbox(user)) {
    const address = user.mail?.toLowerCase() ?? '';
    const room = scope.roomAddresses?.has(address) ?? false;
    if (room) {
      if (scope.includeRooms) reasons.push('room mailbox: included (rooms option on)');
      else out('room mailbox: rooms are excluded (option off)');
    } else if (scope.includeSharedMailboxes) {
      reasons.push('shared mailbox (sign-in blocked, no license): included (shared mailboxes option on)');
    } else {
      out('shared mailbox (sign-in blocked, no license): shared mailboxes are excluded (option off)');
    }
    return { included, reasons };
  }
  if (user.accountEnabled === false) {
    if (scope.includeDisabled) reasons.push('account disabled: included (disabled accounts option on)');
    else out('account disabled: disabled accounts are excluded (option off)');
  }
  return { included, reasons };
}
