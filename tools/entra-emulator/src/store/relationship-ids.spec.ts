import { appRoleAssignmentId, permissionGrantId, principalIdOfAssignment } from './relationship-ids';

describe('relationship ids in Graph form', () => {
  it("decodes the principal from Microsoft's documented appRoleAssignment example", () => {
    // https://learn.microsoft.com/graph/api/serviceprincipal-post-approleassignments (response example)
    expect(principalIdOfAssignment('41W1zT6z1U-kJxf62svfp1HFE8pMZhxDun-ThPczmJE')).toBe(
      'cdb555e3-b33e-4fd5-a427-17fadacbdfa7',
    );
  });

  it('makes 43-character assignment ids that start with the principal id', () => {
    const id = appRoleAssignmentId('cdb555e3-b33e-4fd5-a427-17fadacbdfa7');
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(id.startsWith('41W1zT6z1U-kJxf62svfp')).toBe(true);
    expect(principalIdOfAssignment(id)).toBe('cdb555e3-b33e-4fd5-a427-17fadacbdfa7');
  });

  it('makes grant ids from client and resource, plus the user for a Principal grant', () => {
    const client = 'cdb555e3-b33e-4fd5-a427-17fadacbdfa7';
    const resource = '0a1b2c3d-0000-4000-8000-000000000001';
    expect(permissionGrantId(client, resource)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(permissionGrantId(client, resource)).toBe(permissionGrantId(client, resource));
    expect(permissionGrantId(client, resource, '0a1b2c3d-0000-4000-8000-000000000002')).toMatch(
      /^[A-Za-z0-9_-]{64}$/,
    );
  });
});
