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
