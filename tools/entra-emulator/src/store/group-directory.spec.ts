import { GroupDirectory } from './group-directory';

const group = (id: string, members: string[]) => ({ id, displayName: id, emulatorMemberIds: members });

describe('GroupDirectory', () => {
  it('expands cycles and diamonds once, never listing the group itself', () => {
    const groups = new GroupDirectory();
    groups.loadAll([group('a', ['b', 'c', 'u1']), group('b', ['c', 'u2']), group('c', ['a', 'u2', 'u3'])]);
    expect(groups.transitiveMemberIds('a')).toEqual(['b', 'c', 'u1', 'u2', 'u3']);
    expect(groups.transitiveGroupIdsOf('u3').sort()).toEqual(['a', 'b', 'c']);
  });

  it('keeps the reverse index in step with membership changes', () => {
    const groups = new GroupDirectory();
    groups.loadAll([group('a', ['u1']), group('b', [])]);
    groups.addMember('b', 'U1');
    expect(
      groups
        .groupsOf('u1')
        .map((found) => found.id)
        .sort(),
    ).toEqual(['a', 'b']);
    groups.removeMember('a', 'u1');
    expect(groups.groupsOf('u1').map((found) => found.id)).toEqual(['b']);
    expect(() => groups.addMember('b', 'u1')).toThrow(/already exist/);
    expect(() => groups.addMember('b', 'b')).toThrow(/cannot be a member of itself/);
    expect(() => groups.removeMember('a', 'u1')).toThrow(/not a direct member/);
    groups.forgetMember('u1');
    expect(groups.byObjectId('b')?.emulatorMemberIds).toEqual([]);
  });

  it('expands a group once until its membership changes, not once per page', () => {
    const groups = new GroupDirectory();
    groups.loadAll([group('a', ['b', 'u1']), group('b', ['u2'])]);
    const first = groups.transitiveMemberIds('a');
    expect(groups.transitiveMemberIds('A')).toBe(first);
    groups.addMember('b', 'u3');
    expect(groups.transitiveMemberIds('a')).toEqual(['b', 'u1', 'u2', 'u3']);
    groups.removeMember('b', 'u2');
    expect(groups.transitiveMemberIds('a')).toEqual(['b', 'u1', 'u3']);
  });
});
