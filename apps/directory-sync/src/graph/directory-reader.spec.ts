import { DirectoryReadError } from './directory-read.error';
import { DirectoryReader } from './directory-reader';
import type { GraphSession } from './graph-session';

const sessionAnswering = (get: (url: string) => Promise<unknown>) => ({ get }) as unknown as GraphSession;

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
