import type * as Graph from '@microsoft/microsoft-graph-types';
import { DirectoryReadError } from './directory-read.error';
import type { GraphSession } from './graph-session';

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

const COST = { users: 1, delta: 1, group: 1, members: 2, transitiveMembers: 4, places: 1 } as const;

/** Reads the directory through one run's Graph session, page by page. */
export class DirectoryReader {
  constructor(private readonly graph: GraphSession) {}

  /**
   * Every user, 999 per page, each page passed through `convert` as soon as it arrives. The next page
   * is requested while the caller stores this one, so the network and the database work overlap; and
   * the raw page (objects several times the size of what sync keeps) is garbage before the caller's
   * database round trip, so it dies young instead of filling the old generation.
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
    let url = `/users/delta?$select=${USER_SELECT}&$deltatoken=latest`;
    for (;;) {
      const page = await this.graph.get<Page<DeltaItem>>(url, COST.delta);
      if (page['@odata.deltaLink']) return page['@odata.deltaLink'];
      if (!page['@odata.nextLink']) throw new DirectoryReadError('unavailable', 'Graph sent no delta link');
      url = page['@odata.nextLink'];
    }
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
   * Members of the chosen groups with nested groups expanded (`transitiveMembers`, which also survives
   * cycles), and for each user the path of groups that brought them in, for the preview's reasons.
   */
  async groupMembership(groupIds: string[]): Promise<GroupMembership> {
    const membership: GroupMembership = new Map();
    for (const groupId of groupIds) {
      const group = await this.graph
        .get<{ id: string; displayName: string }>(`/groups/${groupId}?$select=id,displayName`, COST.group)
        .catch((error: unknown) => {
          if (error instanceof DirectoryReadError && error.failure === 'not-found') {
            throw new DirectoryReadError(
              'not-found',
              `the group ${groupId} of the groups filter does not exist`,
            );
          }
          throw error;
        });
      const users = new Set<string>();
      const nested = new Map<string, string>();
      for await (const page of this.pages<{ id: string; displayName?: string; '@odata.type'?: string }>(
        `/groups/${groupId}/transitiveMembers?$select=id,displayName&$top=999`,
        COST.transitiveMembers,
      )) {
        for (const member of page) {
          if (member['@odata.type'] === '#microsoft.graph.group')
            nested.set(member.id, member.displayName ?? member.id);
          else if (member['@odata.type'] === '#microsoft.graph.user') users.add(member.id.toLowerCase());
        }
      }
      const paths = nested.size === 0 ? undefined : await this.pathsThroughNestedGroups(group, nested);
      for (const user of users) {
        const path = paths?.get(user) ?? [group.displayName];
        const known = membership.get(user);
        if (known) known.push(path);
        else membership.set(user, [path]);
      }
    }
    return membership;
  }

  /** Breadth-first over direct members, each group once (a cycle ends where it closes). */
  private async pathsThroughNestedGroups(
    root: { id: string; displayName: string },
    nested: Map<string, string>,
  ): Promise<Map<string, string[]>> {
    const paths = new Map<string, string[]>();
    const visited = new Set([root.id]);
    let frontier: { id: string; path: string[] }[] = [{ id: root.id, path: [root.displayName] }];
    while (frontier.length > 0) {
      const next: typeof frontier = [];
      for (const group of frontier) {
        for await (const page of this.pages<{ id: string; '@odata.type'?: string }>(
          `/groups/${group.id}/members?$select=id&$top=999`,
          COST.members,
        )) {
          for (const member of page) {
            if (member['@odata.type'] === '#microsoft.graph.group') {
              if (visited.has(member.id)) continue;
              visited.add(member.id);
              next.push({ id: member.id, path: [...group.path, nested.get(member.id) ?? member.id] });
            } else if (!paths.has(member.id.toLowerCase())) {
              paths.set(member.id.toLowerCase(), group.path);
            }
          }
        }
      }
      frontier = next;
    }
    return paths;
  }

  private async *pages<T, R = T[]>(
    first: string,
    cost: number,
    convert: (items: T[]) => R = (items) => items as R,
  ): AsyncGenerator<R> {
    type Converted = { items: R; nextLink?: string };
    const fetchPage = (url: string): Promise<Converted> =>
      this.graph
        .get<Page<T>>(url, cost)
        .then((page) => ({ items: convert(page.value), nextLink: page['@odata.nextLink'] }));
    let pending: Promise<Converted> | undefined = fetchPage(first);
    while (pending) {
      const { items, nextLink }: Converted = await pending;
      pending = nextLink ? fetchPage(nextLink) : undefined;
      // Not awaited until the next turn: a failure is seen there (or never, if the caller stops).
      pending?.catch(() => undefined);
      yield items;
    }
  }
}
