import { ApplicationDirectory, type StoredAppRoleAssignment } from './application-directory';

const RESOURCE = 'aaaaaaaa-0000-4000-8000-000000000001';
const ROLE = 'bbbbbbbb-0000-4000-8000-000000000001';
const principal = (n: number) => `cccccccc-0000-4000-8000-${String(n).padStart(12, '0')}`;
const assignment = (n: number): StoredAppRoleAssignment => ({
  id: `assignment-${n}`,
  appRoleId: ROLE,
  principalId: principal(n),
  resourceId: RESOURCE,
});

describe('ApplicationDirectory app role assignments', () => {
  // Speed is the benchmark's business (no timed unit tests): this checks both indexes answer right.
  it('indexes assignments by principal and resource in a large tenant', () => {
    const apps = new ApplicationDirectory();
    for (let n = 0; n < 30_000; n++) apps.addAppRoleAssignment(assignment(n));
    expect(apps.assignmentsHeldBy(principal(29_999))).toEqual([assignment(29_999)]);
    expect(apps.assignmentsHeldBy(principal(123).toUpperCase())).toEqual([assignment(123)]);
    expect(apps.assignmentsOnResource(RESOURCE)).toHaveLength(30_000);
  });

  it('refuses a duplicate and forgets deleted assignments in both indexes', () => {
    const apps = new ApplicationDirectory();
    apps.addAppRoleAssignment(assignment(1));
    expect(() => apps.addAppRoleAssignment({ ...assignment(1), id: 'other' })).toThrow(/already exists/);
    apps.deleteAppRoleAssignment('assignment-1');
    expect(apps.assignmentsHeldBy(principal(1))).toEqual([]);
    expect(apps.assignmentsOnResource(RESOURCE)).toEqual([]);
    expect(() => apps.deleteAppRoleAssignment('assignment-1')).toThrow(/does not exist/);
    apps.addAppRoleAssignment({ ...assignment(1), id: 'again' });
    expect(apps.assignmentsHeldBy(principal(1)).map((found) => found.id)).toEqual(['again']);
  });
});
