import { DirectoryReadError } from './directory-read.error';
import { DirectoryReader } from './directory-reader';
import type { GraphSession } from './graph-session';

/** A session answering each URL with `get`'s page, parsed or as the bytes Graph sends. */
const sessionAnswering = (get: (url: string) => Promise<unknown>) =>
  ({
    get,
    getBytes: async (url: string) => Buffer.from(JSON.stringify(await get(url))),
  }) as unknown as GraphSession;

describe('DirectoryReader.roomAddresses', () => {
  it('lists the rooms by address, lower case, across pages', async () => {
    const reader = new DirectoryReader(
      sessionAnswering(async (url) =>
        url.includes('page2')
          ? { value: [{ emailAddress: 'Huddle@Contoso.example' }] }
          : { value: [{ emailAddress: 'Boardroom@contoso.example' }, {}], '@odata.nextLink': 'page2' },
      ),
    );
    expect(await reader.roomAddresses()).toEqual(
      new Set(['boardroom@contoso.example', 'huddle@contoso.example']),
    );
  });

  it('answers undefined without Place.Read.All (rooms then count as shared mailboxes), and fails on other errors', async () => {
    const denied = new DirectoryReader(
      sessionAnswering(() => Promise.reject(new DirectoryReadError('denied', '403'))),
    );
    expect(await denied.roomAddresses()).toBeUndefined();
    const down = new DirectoryReader(
      sessionAnswering(() => Promise.reject(new DirectoryReadError('unavailable', '503'))),
    );
    await expect(down.roomAddresses()).rejects.toThrow('503');
  });
});

describe('DirectoryReader.groupDelta and usersByIds', () => {
  it('reads a groups delta round to its delta link: members added, removed, deleted groups, other member kinds left out', async () => {
    const urls: string[] = [];
    const reader = new DirectoryReader(
      sessionAnswering(async (url) => {
        urls.push(url);
        return url === 'page2'
          ? {
              value: [{ id: 'gone', '@removed': { reason: 'deleted' } }],
              '@odata.deltaLink': 'next-round',
            }
          : {
              value: [
                {
                  id: 'g1',
                  displayName: 'Archive',
                  'members@delta': [
                    { '@odata.type': '#microsoft.graph.user', id: 'u1' },
                    { '@odata.type': '#microsoft.graph.group', id: 'g2' },
                    { '@odata.type': '#microsoft.graph.device', id: 'd1' },
                    { '@odata.type': '#microsoft.graph.user', id: 'u2', '@removed': { reason: 'deleted' } },
                  ],
                },
              ],
              '@odata.nextLink': 'page2',
            };
      }),
    );
    const start = DirectoryReader.groupDeltaStart(['g1', 'g2']);
    expect(decodeURIComponent(start)).toBe(
      "/groups/delta?$select=displayName,members&$filter=id eq 'g1' or id eq 'g2'",
    );
    expect(await reader.groupDelta(start)).toEqual({
      items: [
        {
          id: 'g1',
          displayName: 'Archive',
          removed: false,
          added: [
            ['u1', 'user'],
            ['g2', 'group'],
          ],
          removedMembers: ['u2'],
        },
        { id: 'gone', removed: true, added: [], removedMembers: [] },
      ],
      deltaLink: 'next-round',
    });
    expect(urls).toEqual([start, 'page2']);
  });

  it('reads users by id, 15 a request, with only the properties sync needs', async () => {
    const urls: string[] = [];
    const reader = new DirectoryReader(
      sessionAnswering(async (url) => {
        urls.push(decodeURIComponent(url));
        return { value: [{ id: 'x' }] };
      }),
    );
    const ids = Array.from({ length: 16 }, (_, index) => `id${index}`);
    const pages: number[] = [];
    for await (const count of reader.usersByIds(ids, (users) => users.length)) pages.push(count);
    expect(pages).toEqual([1, 1]);
    expect(urls).toHaveLength(2);
    expect(urls[0]).toContain(
      `$filter=id in (${ids
        .slice(0, 15)
        .map((id) => `'${id}'`)
        .join(',')})`,
    );
    expect(urls[0]).toContain('$select=id,userPrincipalName,');
    expect(urls[1]).toContain("$filter=id in ('id15')");
  });
});

describe('DirectoryReader.users', () => {
  /** A session serving raw pages by URL, recording what was asked and converted, in order. */
  function pagesAt(bodies: Record<string, string>) {
    const steps: string[] = [];
    const session = {
      getBytes: async (url: string) => {
        steps.push(`get ${url.replace(/^\/users.*/, 'first')}`);
        const body = bodies[url.startsWith('/users') ? 'first' : url];
        if (body === undefined) throw new Error(`no page at ${url}`);
        return Buffer.from(body);
      },
    } as unknown as GraphSession;
    const read = async () => {
      const pages: string[][] = [];
      const convert = (users: { id?: string }[]) => {
        steps.push(`convert ${users.map((user) => user.id).join(',')}`);
        return users.map((user) => user.id ?? '');
      };
      for await (const ids of new DirectoryReader(session).users(convert)) pages.push(ids);
      return pages;
    };
    return { steps, read };
  }
  const page = (ids: string[], next?: string, extra = '') =>
    `{"@odata.context":"https://graph.example/v1.0/$metadata#users"${next ? `,"@odata.nextLink":${JSON.stringify(next)}` : ''},"value":[${ids
      .map((id) => `{"id":"${id}"${extra}}`)
      .join(',')}]}`;

  it('asks for the next page before it parses and converts this one, and follows the link as JSON escapes it', async () => {
    const second = 'https://graph.example/v1.0/users?$skiptoken=a&b=/c';
    const { steps, read } = pagesAt({
      first: page(['u1', 'u2'], second).replace(second, second.replace(/\//g, '\\/').replace('&', '\\u0026')),
      [second]: page(['u3']),
    });
    expect(await read()).toEqual([['u1', 'u2'], ['u3']]);
    expect(steps).toEqual(['get first', `get ${second}`, 'convert u1,u2', 'convert u3']);
  });

  it('takes no link from inside a value, and follows a link too long to look for after parsing the page', async () => {
    const long = `https://graph.example/v1.0/users?$skiptoken=${'x'.repeat(9000)}`;
    const { steps, read } = pagesAt({
      first: page(['u1'], long, ',"displayName":"\\"@odata.nextLink\\":\\"https://evil.example\\""'),
      [long]: page(['u2']),
    });
    expect(await read()).toEqual([['u1'], ['u2']]);
    // Found once the page is parsed, still before it is converted.
    expect(steps).toEqual(['get first', `get ${long}`, 'convert u1', 'convert u2']);
  });

  it('asks for the next page as soon as the start of this one names it, before the rest has come', async () => {
    const second = 'https://graph.example/v1.0/users?$skiptoken=2';
    const bodies: Record<string, string> = { first: page(['u1'], second), [second]: page(['u2']) };
    const steps: string[] = [];
    const session = {
      getBytes: async (url: string, _cost: number, arriving?: (start: Buffer) => boolean) => {
        const name = url.startsWith('/users') ? 'first' : url;
        const body = bodies[name] ?? '';
        steps.push(`get ${name}`);
        // Graph's start: the context and the link, then the values in later chunks.
        for (
          let end = 20;
          end < body.length && arriving && !arriving(Buffer.from(body.slice(0, end)));
          end += 20
        );
        await new Promise((resolve) => setImmediate(resolve));
        steps.push(`got ${name}`);
        return Buffer.from(body);
      },
    } as unknown as GraphSession;
    const pages: string[][] = [];
    for await (const ids of new DirectoryReader(session).users((users: { id: string }[]) =>
      users.map((user) => user.id),
    ))
      pages.push(ids);
    expect(pages).toEqual([['u1'], ['u2']]);
    // The second page was asked for before the first had all come in.
    expect(steps.slice(0, 3)).toEqual(['get first', `get ${second}`, expect.stringMatching(/^got/)]);
  });

  it('fails the read when a page asked again names another next page than the start first seen', async () => {
    const session = {
      getBytes: async (url: string, _cost: number, arriving?: (start: Buffer) => boolean) => {
        if (!url.startsWith('/users')) return Buffer.from(page(['u2']));
        arriving?.(Buffer.from(page(['u1'], 'https://graph.example/a')));
        // The connection was cut; the page asked again names another link.
        arriving?.(Buffer.from(page(['u1'], 'https://graph.example/b')));
        return Buffer.from(page(['u1'], 'https://graph.example/b'));
      },
    } as unknown as GraphSession;
    const read = async () => {
      for await (const _ of new DirectoryReader(session).users((users) => users));
    };
    await expect(read()).rejects.toThrow(/named its next page in two ways/);
  });

  it('fails the read when a page is not JSON, or names its next page in two ways', async () => {
    // The next page was asked for before this one turned out not to parse.
    const cut = pagesAt({ first: page(['u1'], 'https://graph.example/2').slice(0, -3) });
    await expect(cut.read()).rejects.toThrow(/not JSON \(connection cut or unreadable page\)/);
    expect(cut.steps).toEqual(['get first', 'get https://graph.example/2']);
    const twice = `{"@odata.nextLink":"https://graph.example/a","value":[],"@odata.nextLink":"https://graph.example/b"}`;
    const failure = await pagesAt({ first: twice, 'https://graph.example/a': page([]) })
      .read()
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DirectoryReadError);
    expect((failure as Error).message).toMatch(/named its next page in two ways/);
  });
});
