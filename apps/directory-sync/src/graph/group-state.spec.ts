import {
  applyGroupDelta,
  membershipChanges,
  membershipOf,
  untrackedGroups,
  type GroupDeltaItem,
  type GroupState,
} from './group-state';

const item = (id: string, change: Partial<GroupDeltaItem>): GroupDeltaItem => ({
  id,
  removed: false,
  added: [],
  removedMembers: [],
  ...change,
});

/** Archive ⊃ (ada, Team); Team ⊃ (carol, Loop); Loop ⊃ (frank, Team, Archive): two cycles. */
function archive(): GroupState {
  const state: GroupState = { chosen: ['archive'], groups: new Map(), links: [] };
  applyGroupDelta(
    state,
    item('ARCHIVE', {
      displayName: 'Archive',
      added: [
        ['ADA', 'user'],
        ['team', 'group'],
      ],
    }),
  );
  applyGroupDelta(
    state,
    item('team', {
      displayName: 'Team',
      added: [
        ['carol', 'user'],
        ['loop', 'group'],
      ],
    }),
  );
  applyGroupDelta(
    state,
    item('loop', {
      displayName: 'Loop',
      added: [
        ['frank', 'user'],
        ['team', 'group'],
        ['archive', 'group'],
      ],
    }),
  );
  return state;
}

describe('group state', () => {
  it('expands nested groups breadth first through cycles, the path of groups as the reason', () => {
    const membership = membershipOf(archive());
    expect(Object.fromEntries(membership)).toEqual({
      ada: [['Archive']],
      carol: [['Archive', 'Team']],
      frank: [['Archive', 'Team', 'Loop']],
    });
  });

  it('applies later rounds: members added and removed, replays harmless, a group split over items merged', () => {
    const state = archive();
    const before = membershipOf(state);
    applyGroupDelta(state, item('loop', { added: [['dan', 'user']] }));
    applyGroupDelta(state, item('loop', { added: [['dan', 'user']], removedMembers: ['FRANK'] }));
    applyGroupDelta(state, item('archive', { removedMembers: ['nobody'] }));
    const after = membershipOf(state);
    expect(after.get('dan')).toEqual([['Archive', 'Team', 'Loop']]);
    expect(after.has('frank')).toBe(false);
    expect(membershipChanges(before, after).sort()).toEqual(['dan', 'frank']);
    expect(state.groups.get('loop')?.name).toBe('Loop');
  });

  it('a nested group taken out takes its members with it, unless they are members another way', () => {
    const state = archive();
    applyGroupDelta(state, item('archive', { added: [['frank', 'user']] }));
    applyGroupDelta(state, item('archive', { removedMembers: ['team'] }));
    const membership = membershipOf(state);
    expect([...membership.keys()].sort()).toEqual(['ada', 'frank']);
    expect(membership.get('frank')).toEqual([['Archive']]);
  });

  it('a deleted group is forgotten; groups under the chosen ones that no link follows are named once', () => {
    const state = archive();
    state.links.push({ groupIds: ['archive', 'team'], deltaLink: 'link' });
    expect(untrackedGroups(state)).toEqual(['loop']);
    applyGroupDelta(state, item('loop', { removed: true }));
    expect(state.groups.has('loop')).toBe(false);
    expect(membershipOf(state).has('frank')).toBe(false);
  });
});
