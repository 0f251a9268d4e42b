import type * as Graph from '@microsoft/microsoft-graph-types';
import { DirectoryReadError } from './directory-read.error';
import type { GraphSession } from './graph-session';
import type { GroupDeltaItem } from './group-state';

/** Only what sync needs (`$select` also costs one resource unit less per request). */
export const USER_SELECT = [
  'id',
  'userPrincipalName',
  'displayName',
  'givenName',
  'surname',
  'mail',
  'proxyAddresses',
  'accountEnabled',
  'userType',
  'assignedPlans',
].join(',');

export type DirectoryUser = Pick<
  Graph.User,
  | 'userPrincipalName'
  | 'displayName'
  | 'givenName'
  | 'surname'
  | 'mail'
  | 'proxyAddresses'
  | 'accountEnabled'
  | 'userType'
  | 'assignedPlans'
> & { id: string };

interface Page<T> {
  value: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

type DeltaItem = DirectoryUser & { '@removed'?: { reason: string } };

export interface DeltaPage {
  users: DirectoryUser[];
  /** Object ids of users deleted in the directory (soft-deleted or purged: both mean "left"). */
  removed: string[];
  /** On the last page: where the next incremental run starts. */
  deltaLink?: string;
}

/** Per user of the groups filter: how they are a member (group names from the chosen group down). */
export type GroupMembership = Map<string, string[][]>;

/** Resource units per request, `$select` included (DESIGN.md section 3; groups delta 5, one less with it). */
const COST = { users: 1, delta: 1, groupsDelta: 4, places: 1 } as const;
/**
 * How far the read runs ahead of the caller: a page is requested as soon as the one before it arrives
 * (Graph only names the next page in a response), unless this many pages wait for the caller already.
 * Graph's latency then overlaps both the conversion of the page before and the caller's database
 * write of the one before that; at most this many converted pages wait in memory.
 */
const PAGES_AHEAD = 2;
/** Graph takes at most 15 values in one `in (...)` filter. */
const USERS_PER_ID_FILTER = 15;

/** A group of a groups delta page as Graph sends it. */
interface GroupDeltaObject {
  id: string;
  displayName?: string | null;
  '@removed'?: { reason: string };
  'members@delta'?: { id: string; '@odata.type'?: string; '@removed'?: { reason: string } }[];
}

function toGroupDeltaItem(group: GroupDeltaObject): GroupDeltaItem {
  const added: GroupDeltaItem['added'] = [];
  const removedMembers: string[] = [];
  for (const member of group['members@delta'] ?? []) {
    if (member['@removed']) removedMembers.push(member.id);
    else if (member['@odata.type'] === '#microsoft.graph.group') added.push([member.id, 'group']);
    // Devices, contacts and service principals can be members too: only users are archived.
    else if (member['@odata.type'] === '#microsoft.graph.user') added.push([member.id, 'user']);
  }
  return {
    id: group.id,
    ...(group.displayName ? { displayName: group.displayName } : {}),
    removed: Boolean(group['@removed']),
    added,
    removedMembers,
  };
}

const NEXT_LINK_KEY = Buffer.from('"@odata.nextLink"');

/**
 * The `@odata.nextLink` of a page's JSON, found without parsing it (a tenth of a millisecond, against
 * three for the parse). Inside a JSON string a quote is always escaped, so the key with both its quotes
 * can only be a key; the objects Graph lists hold no such key, so it is the page's own. The parsed page
 * must name the same link (see `pages`); one too long to be found here is taken from the parsed page.
 */
function nextLinkIn(bytes: Buffer): string | undefined {
  const at = bytes.indexOf(NEXT_LINK_KEY);
  if (at < 0) return undefined;
  const value = /^\s*:\s*("(?:[^"\\]|\\.)*")/.exec(
    bytes.toString('utf8', at + NEXT_LINK_KEY.length, at + NEXT_LINK_KEY.length + 8192),
  );
  return value?.[1] ? (JSON.parse(value[1]) as string) : undefined;
}

/**
 * A page that is not JSON fails the read (nothing is changed). A cut connection never gets here (reading
 * the body fails, and the session asks again): it would be a page Graph sent whole but broken.
 */
function parsedPage<T>(bytes: Buffer): Page<T> {
  try {
    return JSON.parse(bytes.toString('utf8')) as Page<T>;
  } catch {
    throw new DirectoryReadError(
      'unavailable',
      'a page was not JSON (connection cut or unreadable page): the read is incomplete',
    );
  }
}

/** Reads the directory through one run's Graph session, page by page. */
export class DirectoryReader {
  constructor(private readonly graph: GraphSession) {}

  /**
   * Every user, 999 per page, each page passed through `convert` as soon as it arrives. The next pages
   * are requested while this one is parsed and the caller stores it (PAGES_AHEAD), so the network and
   * the service's and the database's work overlap; and the raw page (objects several times the size of what sync keeps) is garbage before
   * the caller's database round trip, so it dies young instead of filling the old generation.
   */
  async *users<T>(convert: (users: DirectoryUser[]) => T): AsyncGenerator<T> {
    yield* this.pages<DirectoryUser, T>(`/users?$select=${USER_SELECT}&$top=999`, COST.users, convert);
  }

  /**
   * The mail addresses of the tenant's rooms (`/places/microsoft.graph.room`): `/users` shows a room
   * mailbox exactly like a shared one. Undefined when the app may not read places (no Place.Read.All):
   * rooms then count as shared mailboxes.
   */
  async roomAddresses(): Promise<Set<string> | undefined> {
    const addresses = new Set<string>();
    try {
      for await (const page of this.pages<{ emailAddress?: string | null }>(
        '/places/microsoft.graph.room?$select=emailAddress',
        COST.places,
      )) {
        for (const room of page) if (room.emailAddress) addresses.add(room.emailAddress.toLowerCase());
      }
    } catch (error) {
      if (error instanceof DirectoryReadError && error.failure === 'denied') return undefined;
      throw error;
    }
    return addresses;
  }

  /** A delta link that reports changes from now on (`$deltatoken=latest`: no items, only the link). */
  async latestDeltaLink(): Promise<string> {
    const round = await this.deltaRound<DeltaItem>(
      `/users/delta?$select=${USER_SELECT}&$deltatoken=latest`,
      COST.delta,
      'the users delta',
    );
    return round.deltaLink;
  }

  /** Changes since `deltaLink`; replays are possible, so callers apply them idempotently by id. */
  async *delta(deltaLink: string): AsyncGenerator<DeltaPage> {
    // Like `pages`: the next page is on its way while the caller stores this one.
    const fetchPage = (url: string): Promise<DeltaPage & { nextLink?: string }> =>
      this.graph.get<Page<DeltaItem>>(url, COST.delta).then((page) => {
        const users: DirectoryUser[] = [];
        const removed: string[] = [];
        for (const item of page.value) {
          if (item['@removed']) removed.push(item.id.toLowerCase());
          else users.push(item);
        }
        const nextLink = page['@odata.nextLink'];
        return { users, removed, nextLink, ...(nextLink ? {} : { deltaLink: page['@odata.deltaLink'] }) };
      });
    let pending: ReturnType<typeof fetchPage> | undefined = fetchPage(deltaLink);
    while (pending) {
      const { nextLink, ...page }: Awaited<ReturnType<typeof fetchPage>> = await pending;
      pending = nextLink ? fetchPage(nextLink) : undefined;
      pending?.catch(() => undefined);
      yield page;
    }
  }

  /**
   * The first request of a groups delta query following `groupIds` (at most 50): the group's name and,
   * in `members@delta`, its direct members (all of them in the first round, the changes after).
   */
  static groupDeltaStart(groupIds: string[]): string {
    const filter = groupIds.map((id) => `id eq '${id}'`).join(' or ');
    return `/groups/delta?$select=displayName,members&$filter=${encodeURIComponent(filter)}`;
  }

  /** A whole round of a groups delta query, from its first request or a delta link, to its next delta link. */
  async groupDelta(url: string): Promise<{ items: GroupDeltaItem[]; deltaLink: string }> {
    const round = await this.deltaRound<GroupDeltaObject>(url, COST.groupsDelta, 'the groups delta');
    return { items: round.items.map(toGroupDeltaItem), deltaLink: round.deltaLink };
  }

  /** Follows a delta query's next links, collecting its items, to the delta link that ends the round. */
  private async deltaRound<T>(
    url: string,
    cost: number,
    what: string,
  ): Promise<{ items: T[]; deltaLink: string }> {
    const items: T[] = [];
    for (let next: string | undefined = url; next;) {
      const page: Page<T> = await this.graph.get<Page<T>>(next, cost);
      items.push(...page.value);
      if (page['@odata.deltaLink']) return { items, deltaLink: page['@odata.deltaLink'] };
      next = page['@odata.nextLink'];
    }
    throw new DirectoryReadError('unavailable', `${what} ended without a delta link`);
  }

  /**
   * The users with these ids (those that still exist), read by id 15 at a time (Graph's limit for
   * `in`), each page passed through `convert`.
   */
  async *usersByIds<T>(ids: string[], convert: (users: DirectoryUser[]) => T): AsyncGenerator<T> {
    for (let at = 0; at < ids.length; at += USERS_PER_ID_FILTER) {
      const quoted = ids.slice(at, at + USERS_PER_ID_FILTER).map((id) => `'${id}'`);
      const filter = encodeURIComponent(`id in (${quoted.join(',')})`);
      yield* this.pages<DirectoryUser, T>(
        `/users?$select=${USER_SELECT}&$filter=${filter}&$top=${USERS_PER_ID_FILTER}`,
        COST.users,
        convert,
      );
    }
  }

  private async *pages<T, R = T[]>(
    first: string,
    cost: number,
    convert: (items: T[]) => R = (items) => items as R,
  ): AsyncGenerator<R> {
    type Fetched = { items: R; next?: Promise<Fetched> };
    let taken = 0;
    let stopped = false;
    let room: (() => void) | undefined;
    // Page `index` waits until the caller has taken all but PAGES_AHEAD of the pages before it.
    const fetchPage = async (url: string, index: number): Promise<Fetched> => {
      while (index - taken >= PAGES_AHEAD && !stopped) await new Promise<void>((resolve) => (room = resolve));
      if (stopped) throw new DirectoryReadError('interrupted', 'the caller stopped reading');
      let next: Promise<Fetched> | undefined;
      let hint: string | undefined;
      const follow = (link: string) => {
        hint = link;
        next = fetchPage(link, index + 1);
        // Seen when the caller gets there (or never, if it or this page stops first).
        next.catch(() => undefined);
      };
      // Follows the link `bytes` name, unless one was followed already; true once one is.
      const followIn = (bytes: Buffer) => {
        const link = next ? undefined : nextLinkIn(bytes);
        if (link !== undefined) follow(link);
        return next !== undefined;
      };
      // Requested as soon as this page names it, while the rest of the page is still on its way and
      // while it is parsed: Graph only names the next page in a response, and a read goes no faster
      // than one request after another. A page asked again (a cut) must name the same link (below).
      // A link past the start the session shows is looked for in the whole page, still before parsing.
      const bytes = await this.graph.getBytes(url, cost, followIn);
      followIn(bytes);
      const page = parsedPage<T>(bytes);
      const nextLink = page['@odata.nextLink'];
      if (hint !== undefined && nextLink !== hint) {
        throw new DirectoryReadError(
          'unavailable',
          'a page named its next page in two ways: the read is incomplete',
        );
      }
      if (hint === undefined && nextLink) follow(nextLink);
      return { items: convert(page.value), next };
    };
    const wake = () => {
      room?.();
      room = undefined;
    };
    let pending: Promise<Fetched> | undefined = fetchPage(first, 0);
    try {
      while (pending) {
        const { items, next }: Fetched = await pending;
        taken++;
        wake();
        pending = next;
        yield items;
      }
    } finally {
      stopped = true;
      wake();
    }
  }
}
