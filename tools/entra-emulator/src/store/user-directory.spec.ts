import { EmulatorClock } from '../shared/clock';
import { UserDirectory } from './user-directory';

const user = (n: number) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  userPrincipalName: `u${n}@contoso.com`,
});

describe('UserDirectory', () => {
  it('keeps listing positions stable across deletes and restores (skiptoken by sequence)', () => {
    const users = new UserDirectory(new EmulatorClock());
    users.loadAll([1, 2, 3, 4, 5].map(user));
    const afterSecond = users.sequence(user(2).id) ?? 0;
    users.softDelete(user(3).id);
    expect(users.all()[users.positionAfter(afterSecond)].userPrincipalName).toBe('u4@contoso.com');
    users.restore(user(3).id);
    expect(users.all().map((entry) => entry.userPrincipalName)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `u${n}@contoso.com`),
    );
  });

  it('records changes for delta and refuses duplicate UPNs on rename', () => {
    const users = new UserDirectory(new EmulatorClock());
    users.loadAll([1, 2].map(user));
    expect(users.changes.position).toBe(0);
    users.patch('U1@CONTOSO.COM', { displayName: 'One' });
    expect(() => users.patch(user(1).id, { userPrincipalName: 'u2@contoso.com' })).toThrow(/already exists/);
    users.purge(user(2).id);
    expect(users.changes.changedBetween(0, users.changes.position)).toEqual([user(1).id, user(2).id]);
    expect(users.byUpn('u2@contoso.com')).toBeUndefined();
  });

  it('computes a delta round once for all its pages, and later rounds from the log as it grew', () => {
    const users = new UserDirectory(new EmulatorClock());
    users.loadAll([1, 2, 3].map(user));
    users.touch(user(1).id);
    users.touch(user(2).id);
    const until = users.changes.position;
    const round = users.changes.changedBetween(0, until);
    users.touch(user(1).id);
    expect(users.changes.changedBetween(0, until)).toBe(round);
    expect(round).toEqual([user(1).id, user(2).id]);
    expect(users.changes.changedBetween(0, users.changes.position)).toEqual([user(2).id, user(1).id]);
    expect(users.changes.changedBetween(until, users.changes.position)).toEqual([user(1).id]);
  });
});
