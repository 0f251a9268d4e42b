import { DirectoryReadError } from './directory-read.error';
import { DirectoryReader } from './directory-reader';
import type { GraphSession } from './graph-session';
import { readGroupChanges, readGroups } from './group-reads';
import { membershipOf } from './group-state';

type Members = Record<string, string[]>;

/**
 * A Graph whose groups delta answers first rounds from `groups` (ids starting with "g" are groups) and
 * later rounds from `changes`.
 */
function graph(groups: Members, changes: Members = {}) {
  const requests: string[] = [];
  // "-id": the member was removed.
  const member = (entry: string) => {
    const id = entry.replace(/^-/, '');
    return {
      '@odata.type': id.startsWith('g') ? '#microsoft.graph.group' : '#microsoft.graph.user',
      id,
      ...(entry.startsWith('-') ? { '@removed': { reason: 'deleted' } } : {}),
    };
  };
  const session = {
    get: async (url: string) => {
      requests.push(url);
      if (url.startsWith('link:')) {
        const ids = url.slice(5).split('+')[0].split(',');
        return {
          value: ids
            .filter((id) => changes[id])
            .map((id) => ({ id, 'members@delta': changes[id].map(member) })),
          '@odata.deltaLink': `${url}+1`,
        };
      }
      const ids = [...decodeURIComponent(url).matchAll(/id eq '([^']+)'/g)].map((match) => match[1]);
      return {
        value: ids
          .filter((id) => groups[id])
          .map((id) => ({ id, displayName: id.toUpperCase(), 'members@delta': groups[id].map(member) })),
        '@odata.deltaLink': `link:${ids.join(',')}`,
      };
    },
  } as unknown as GraphSession;
  return { reader: new DirectoryReader(session), requests };
}

describe('reading the groups filter through groups delta', () => {
  it('follows the chosen groups and every group found under them, 50 per delta link', async () => {
    const nested = Array.from({ length: 60 }, (_, index) => `g-nested-${index}`);
    const groups: Members = { 'g-root': ['u-ada', ...nested] };
    for (const id of nested) groups[id] = [`u-${id}`];
    const { reader, requests } = graph(groups);
    const state = await readGroups(reader, ['G-ROOT']);
    expect(requests).toHaveLength(3);
    expect(state.links.map((link) => link.groupIds.length)).toEqual([1, 50, 10]);
    const membership = membershipOf(state);
    expect(membership.size).toBe(61);
    expect(membership.get('u-g-nested-59')).toEqual([['G-ROOT', 'G-NESTED-59']]);
  });

  it('a chosen group that does not exist fails the read', async () => {
    const { reader } = graph({});
    await expect(readGroups(reader, ['g-missing'])).rejects.toEqual(
      new DirectoryReadError('not-found', 'the group g-missing of the groups filter does not exist'),
    );
  });

  it('advances every link and starts following a group newly nested under a chosen one', async () => {
    const first = graph({ 'g-root': ['u-ada'], 'g-side': ['u-gus'] });
    const state = await readGroups(first.reader, ['g-root']);
    const later = graph({ 'g-root': ['u-ada', 'g-side'], 'g-side': ['u-gus'] }, { 'g-root': ['g-side'] });
    await readGroupChanges(later.reader, state);
    expect(later.requests[0]).toBe('link:g-root');
    expect(state.links).toEqual([
      { groupIds: ['g-root'], deltaLink: 'link:g-root+1' },
      { groupIds: ['g-side'], deltaLink: 'link:g-side' },
    ]);
    expect(membershipOf(state).get('u-gus')).toEqual([['G-ROOT', 'G-SIDE']]);
  });

  it('stops following a group taken out from under the chosen ones, and reads it afresh when it comes back', async () => {
    const first = graph({ 'g-root': ['u-ada', 'g-side'], 'g-side': ['u-gus'] });
    const state = await readGroups(first.reader, ['g-root']);
    expect(state.links.map((link) => link.groupIds)).toEqual([['g-root'], ['g-side']]);

    const out = graph({}, { 'g-root': ['-g-side'] });
    await readGroupChanges(out.reader, state);
    expect(out.requests).toEqual(['link:g-root', 'link:g-side']);
    expect(state.links.map((link) => link.groupIds)).toEqual([['g-root']]);
    expect(state.groups.has('g-side')).toBe(false);

    const back = graph({ 'g-side': ['u-gus', 'u-hal'] }, { 'g-root': ['g-side'] });
    await readGroupChanges(back.reader, state);
    expect(back.requests[1]).toContain('/groups/delta?');
    expect(membershipOf(state).get('u-hal')).toEqual([['G-ROOT', 'G-SIDE']]);
  });
});
