import type * as Graph from '@microsoft/microsoft-graph-types';
import { createHash } from 'node:crypto';
import type { FixtureUser } from '../fixture/fixture.types';
import { SeededRandom } from '../fixture/seeded-random';

export type StoredMailFolder = Graph.MailFolder & { id: string; wellKnownName: string };
export type StoredMessage = Graph.Message & { id: string; parentFolderId: string };

export interface Mailbox {
  folders: StoredMailFolder[];
  messages: StoredMessage[];
}

/** Exchange's EWS switches (`Set-OrganizationConfig -EwsEnabled`, `EWSAllowedAppIDs`). */
export interface ExchangeSettings {
  /** null: not set. Since October 2026 EWS is blocked in Exchange Online unless enabled or the app allowed. */
  ewsEnabled: boolean | null;
  ewsAllowedAppIds: string[];
}

const FOLDERS = [
  ['inbox', 'Inbox'],
  ['sentitems', 'Sent Items'],
  ['drafts', 'Drafts'],
  ['deleteditems', 'Deleted Items'],
  ['archive', 'Archive'],
] as const;

const SUBJECTS = [
  'Quarterly report',
  'Team lunch on Friday',
  'Contract renewal',
  'Re: Project timeline',
  'Invoice 2026-118',
  'Welcome aboard',
  'Holiday schedule',
  'Security review notes',
];
const MESSAGES_PER_MAILBOX = 6;
const DAY_MS = 86_400_000;

/**
 * Mailboxes as Exchange Online holds them, for licensed users only (an Exchange plan enabled in
 * `assignedPlans`). Each is generated on first use from the user's id, so a 100,000-user tenant costs
 * nothing until a mailbox is read. Also Exchange's own authorization, independent of Entra: "RBAC for
 * Applications" management scopes per app, and the EWS switches.
 */
export class MailboxDirectory {
  private readonly mailboxes = new Map<string, Mailbox>();
  private readonly scopes = new Map<string, Set<string>>();
  /** Room mailboxes, by user id: Exchange knows a room from a shared mailbox; `/users` does not show it. */
  private readonly roomIds = new Set<string>();
  exchange: ExchangeSettings = { ewsEnabled: null, ewsAllowedAppIds: [] };

  constructor(private readonly domain: string) {}

  static hasMailbox(user: FixtureUser): boolean {
    return (user.assignedPlans ?? []).some(
      (plan) => plan.service === 'exchange' && plan.capabilityStatus === 'Enabled',
    );
  }

  markRoom(userId: string): void {
    this.roomIds.add(userId.toLowerCase());
  }

  rooms(): string[] {
    return [...this.roomIds];
  }

  mailboxOf(user: FixtureUser): Mailbox | undefined {
    if (!MailboxDirectory.hasMailbox(user)) return undefined;
    let mailbox = this.mailboxes.get(user.id);
    if (!mailbox) {
      mailbox = generateMailbox(user, this.domain);
      this.mailboxes.set(user.id, mailbox);
    }
    return mailbox;
  }

  /**
   * The mailboxes an app may reach through an Exchange management scope (`New-ManagementScope`,
   * `New-ManagementRoleAssignment -App`), by user id; undefined removes the scope.
   */
  setScope(appId: string, userIds: string[] | undefined): void {
    if (userIds) this.scopes.set(appId.toLowerCase(), new Set(userIds.map((id) => id.toLowerCase())));
    else this.scopes.delete(appId.toLowerCase());
  }

  scopeOf(appId: string): ReadonlySet<string> | undefined {
    return this.scopes.get(appId.toLowerCase());
  }

  /** Whether EWS answers this app (the October 2026 block applies unless enabled or allowed). */
  ewsAllows(appId: string): boolean {
    return (
      this.exchange.ewsEnabled === true ||
      this.exchange.ewsAllowedAppIds.some((allowed) => allowed.toLowerCase() === appId.toLowerCase())
    );
  }
}

/** Exchange item ids are long opaque base64 strings starting with `AAMk`; these are stable per user. */
function exchangeId(...parts: string[]): string {
  return `AAMk${createHash('sha256').update(parts.join('/')).digest('base64').replace(/\//g, '_')}AAA=`;
}

function generateMailbox(user: FixtureUser, domain: string): Mailbox {
  const random = new SeededRandom(user.id);
  const folders: StoredMailFolder[] = FOLDERS.map(([wellKnownName, displayName]) => ({
    id: exchangeId(user.id, 'folder', wellKnownName),
    displayName,
    parentFolderId: exchangeId(user.id, 'folder', 'msgfolderroot'),
    childFolderCount: 0,
    unreadItemCount: 0,
    totalItemCount: 0,
    isHidden: false,
    wellKnownName,
  }));
  const base = Date.UTC(2026, 10, 1);
  const messages: StoredMessage[] = [];
  for (let index = 0; index < MESSAGES_PER_MAILBOX; index++) {
    const folder = folders[index % 3 === 2 ? 1 : 0];
    const sent = folder.wellKnownName === 'sentitems';
    const received = new Date(base + random.integer(30) * DAY_MS + random.integer(DAY_MS)).toISOString();
    const isRead = sent || random.chance(0.6);
    const subject = random.pick(SUBJECTS);
    const other = { emailAddress: { name: 'Contoso Notifications', address: `notifications@${domain}` } };
    const self = {
      emailAddress: {
        name: user.displayName ?? user.userPrincipalName,
        address: user.mail ?? user.userPrincipalName,
      },
    };
    messages.push({
      id: exchangeId(user.id, 'message', String(index)),
      createdDateTime: received,
      lastModifiedDateTime: received,
      receivedDateTime: received,
      sentDateTime: received,
      hasAttachments: false,
      internetMessageId: `<${exchangeId(user.id, 'imid', String(index)).slice(4, 24)}@${domain}>`,
      subject,
      bodyPreview: `${subject}: generated by the emulator for ${user.userPrincipalName}.`,
      importance: 'normal',
      parentFolderId: folder.id,
      conversationId: exchangeId(user.id, 'conversation', subject),
      isRead,
      isDraft: false,
      body: { contentType: 'text', content: `${subject}\n\nGenerated by the emulator.` },
      from: sent ? self : other,
      sender: sent ? self : other,
      toRecipients: [sent ? other : self],
      ccRecipients: [],
      bccRecipients: [],
      replyTo: [],
    });
    folder.totalItemCount = (folder.totalItemCount ?? 0) + 1;
    if (!isRead) folder.unreadItemCount = (folder.unreadItemCount ?? 0) + 1;
  }
  messages.sort((a, b) => (b.receivedDateTime ?? '').localeCompare(a.receivedDateTime ?? ''));
  return { folders, messages };
}
