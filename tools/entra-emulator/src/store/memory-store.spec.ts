import type { TenantFixture } from '../fixture/fixture.types';
import { createMemoryStore } from './memory-store';

const TENANT_ID = '11111111-2222-4333-8444-555555555555';

function fixture(): TenantFixture {
  return {
    organization: {
      id: TENANT_ID,
      displayName: 'Contoso',
      verifiedDomains: [{ name: 'Contoso.onmicrosoft.com', isDefault: true }],
    },
    users: [
      {
        id: 'AAAAAAAA-0000-4000-8000-000000000001',
        userPrincipalName: 'Adele@contoso.onmicrosoft.com',
        displayName: 'Adele',
      },
      {
        id: 'aaaaaaaa-0000-4000-8000-000000000002',
        userPrincipalName: 'bob@contoso.onmicrosoft.com',
        displayName: 'Bob',
      },
    ],
    groups: [
      {
        id: 'bbbbbbbb-0000-4000-8000-000000000001',
        displayName: 'Outer',
        emulatorMemberIds: ['bbbbbbbb-0000-4000-8000-000000000002'],
      },
      {
        id: 'bbbbbbbb-0000-4000-8000-000000000002',
        displayName: 'Inner',
        emulatorMemberIds: ['aaaaaaaa-0000-4000-8000-000000000002'],
      },
    ],
  };
}

describe('createMemoryStore', () => {
  it('finds a tenant by id or by verified domain, case-insensitively', () => {
    const store = createMemoryStore();
    store.load({ tenants: [fixture()] });
    expect(store.tenant(TENANT_ID.toUpperCase())?.id).toBe(TENANT_ID);
    expect(store.tenant('contoso.ONMICROSOFT.com')?.id).toBe(TENANT_ID);
    expect(store.tenant('fabrikam.onmicrosoft.com')).toBeUndefined();
  });

  it('indexes users by id and UPN case-insensitively', () => {
    const store = createMemoryStore();
    store.load({ tenants: [fixture()] });
    const tenant = store.tenant(TENANT_ID);
    expect(tenant?.userById('aaaaaaaa-0000-4000-8000-000000000001')?.displayName).toBe('Adele');
    expect(tenant?.userByPrincipalName('ADELE@contoso.onmicrosoft.com')?.displayName).toBe('Adele');
  });

  it('adds Microsoft Graph and Exchange Online service principals with their permissions', () => {
    const store = createMemoryStore();
    store.load({ tenants: [fixture()] });
    const tenant = store.tenant(TENANT_ID);
    const graph = tenant?.servicePrincipalByIdentifier('https://graph.microsoft.com/');
    expect(graph?.appId).toBe('00000003-0000-0000-c000-000000000000');
    expect(graph?.appRoles?.find((role) => role.value === 'Directory.Read.All')?.id).toBe(
      '7ab1d382-f21e-4acd-a863-ba3e13f7da61',
    );
    expect(graph?.oauth2PermissionScopes?.find((scope) => scope.value === 'User.Read')?.id).toBe(
      'e1fe6dd8-ba31-4d61-89e7-88639da4683d',
    );
    const exchange = tenant?.servicePrincipalByAppId('00000002-0000-0ff1-ce00-000000000000');
    expect(exchange?.servicePrincipalNames).toContain('https://outlook.office365.com');
    expect(exchange?.appRoles?.[0].id).toBe('dc890d15-9560-4a4c-9b7f-a736ec74ec40');
  });

  it('replaces a tenant with the same id and keeps the rest untouched when a fixture is invalid', () => {
    const store = createMemoryStore();
    store.load({ tenants: [fixture()] });
    const duplicateUpn = fixture();
    duplicateUpn.users[1].userPrincipalName = 'adele@contoso.onmicrosoft.com';
    expect(() => store.load({ tenants: [duplicateUpn] })).toThrow(/userPrincipalName already exists/);
    expect(store.tenant(TENANT_ID)?.users.count).toBe(2);
    store.load({ tenants: [{ ...fixture(), users: [] }] });
    expect(store.tenant(TENANT_ID)?.users.count).toBe(0);
  });

  it('expands nested groups once and records user changes for delta', () => {
    const store = createMemoryStore();
    store.load({ tenants: [fixture()] });
    const tenant = store.tenant(TENANT_ID);
    if (!tenant) throw new Error('tenant missing');
    expect(tenant.groups.transitiveMemberIds('bbbbbbbb-0000-4000-8000-000000000001')).toEqual([
      'bbbbbbbb-0000-4000-8000-000000000002',
      'aaaaaaaa-0000-4000-8000-000000000002',
    ]);
    tenant.users.softDelete('bob@contoso.onmicrosoft.com');
    expect(tenant.users.count).toBe(1);
    tenant.users.restore('aaaaaaaa-0000-4000-8000-000000000002');
    expect(tenant.users.all().map((user) => user.displayName)).toEqual(['Adele', 'Bob']);
    expect(tenant.users.changes.changedBetween(0, tenant.users.changes.position)).toEqual([
      'aaaaaaaa-0000-4000-8000-000000000002',
    ]);
  });

  it('names every subscribedSku {tenantId}_{skuId}, whatever id the fixture gave', () => {
    const store = createMemoryStore();
    const skuId = '6FD2C87F-B296-42F0-B197-1E91E994B900';
    store.load({
      tenants: [
        {
          ...fixture(),
          subscribedSkus: [
            { skuId, skuPartNumber: 'ENTERPRISEPACK', prepaidUnits: { enabled: 10 } },
            { id: 'e3', skuId: '18181a46-0d4e-45cd-891e-60aabd171b4e', skuPartNumber: 'STANDARDPACK' },
          ],
        },
      ],
    });
    expect(store.tenant(TENANT_ID)?.licenses.all()).toEqual([
      expect.objectContaining({ id: `${TENANT_ID}_${skuId.toLowerCase()}`, accountId: TENANT_ID }),
      expect.objectContaining({ id: `${TENANT_ID}_18181a46-0d4e-45cd-891e-60aabd171b4e` }),
    ]);
  });

  it('leaves the fixture untouched, so two emulators can load the same one', () => {
    const shared = fixture();
    const first = createMemoryStore();
    const second = createMemoryStore();
    first.load({ tenants: [shared] });
    second.load({ tenants: [shared] });
    first.tenant(TENANT_ID)?.updateUser('bob@contoso.onmicrosoft.com', { displayName: 'Robert' });
    first
      .tenant(TENANT_ID)
      ?.addGroupMember('bbbbbbbb-0000-4000-8000-000000000002', 'adele@contoso.onmicrosoft.com');
    expect(second.tenant(TENANT_ID)?.userByPrincipalName('bob@contoso.onmicrosoft.com')?.displayName).toBe(
      'Bob',
    );
    expect(
      second.tenant(TENANT_ID)?.groupById('bbbbbbbb-0000-4000-8000-000000000002')?.emulatorMemberIds,
    ).toHaveLength(1);
    expect(shared.users[1].displayName).toBe('Bob');
    expect(shared.users[0].id).toBe('AAAAAAAA-0000-4000-8000-000000000001');
  });
});
