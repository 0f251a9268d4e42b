import { generateTenant } from '../../fixture/generate';
import { createMemoryStore } from '../../store/memory-store';
import type { MemoryTenant } from '../../store/memory-tenant';
import { hasPermission } from '../core/graph-permissions';
import type { AuthorizedCall, GraphResponse } from '../core/graph-request';
import { GROUP_ROUTES } from './groups.routes';

const TENANT_ID = '0d3f5e2a-7b1c-4e8d-9a6f-2c4b8e1d7f31';
const GROUP_ID = 'bbbbbbbb-0000-4000-8000-00000000a11a';

function bigTenant(users: number): MemoryTenant {
  const fixture = generateTenant({ users, seed: 'members-paging', tenantId: TENANT_ID });
  fixture.groups.push({
    id: GROUP_ID,
    displayName: 'Everyone',
    emulatorMemberIds: fixture.users.map((user) => user.id),
  });
  const store = createMemoryStore();
  store.load({ tenants: [fixture] });
  const tenant = store.tenant(TENANT_ID);
  if (!tenant) throw new Error('tenant not loaded');
  return tenant;
}

function membersCall(
  tenant: MemoryTenant,
  relation: string,
  query: string,
  roles = ['Directory.Read.All'],
): AuthorizedCall {
  return {
    request: {
      method: 'GET',
      segments: ['groups', GROUP_ID, relation],
      query: new URLSearchParams(query),
      headers: {},
      body: undefined,
      serviceRoot: 'https://localhost/v1.0',
      requestId: 'r',
      clientRequestId: 'c',
    },
    claims: { idtyp: 'app', roles } as AuthorizedCall['claims'],
    tenant,
    params: { id: GROUP_ID },
  };
}

async function handle(relation: string, call: AuthorizedCall): Promise<GraphResponse> {
  const route = GROUP_ROUTES.find((candidate) => candidate.path === `groups/:id/${relation}`);
  if (!route) throw new Error(`no route for ${relation}`);
  return route.handle(call);
}

describe('group members paging', () => {
  const tenant = bigTenant(20_000);

  it.each(['members', 'transitiveMembers'])(
    '%s: a page resolves the page, not the whole group, and pages every member once',
    async (relation) => {
      const lookups = jest.spyOn(tenant.users, 'byObjectId');
      const seen = new Set<string>();
      let query = '$top=999';
      let pages = 0;
      for (;;) {
        lookups.mockClear();
        const body = (await handle(relation, membersCall(tenant, relation, query))).body as {
          value: { id: string }[];
          '@odata.nextLink'?: string;
        };
        expect(lookups.mock.calls.length).toBeLessThanOrEqual(1000);
        for (const member of body.value) seen.add(member.id);
        pages++;
        const next = body['@odata.nextLink'];
        if (!next) break;
        query = next.slice(next.indexOf('?') + 1);
      }
      lookups.mockRestore();
      expect(pages).toBe(Math.ceil(20_000 / 999));
      expect(seen.size).toBe(20_000);
    },
  );

  it('leaves soft-deleted members out without ending the listing early', async () => {
    const members = tenant.groups.byObjectId(GROUP_ID)?.emulatorMemberIds ?? [];
    const deleted = members.slice(5, 15);
    for (const id of deleted) tenant.deleteUser(id);
    const first = (await handle('members', membersCall(tenant, 'members', '$top=10'))).body as {
      value: { id: string }[];
      '@odata.nextLink'?: string;
    };
    expect(first.value.map((member) => member.id)).toEqual([
      ...members.slice(0, 5),
      ...members.slice(15, 20),
    ]);
    expect(first['@odata.nextLink']).toBeDefined();
    for (const id of deleted) tenant.restoreUser(id);
  });
});

describe('group members permissions', () => {
  it.each(['members', 'transitiveMembers'])(
    '%s needs a group permission; User.Read.All alone is refused',
    (relation) => {
      const route = GROUP_ROUTES.find((candidate) => candidate.path === `groups/:id/${relation}`);
      if (!route) throw new Error(`no route for ${relation}`);
      const app = (roles: string[]) => ({ idtyp: 'app', roles }) as AuthorizedCall['claims'];
      expect(hasPermission(app(['User.Read.All']), route.permissions)).toBe(false);
      expect(hasPermission(app(['GroupMember.Read.All']), route.permissions)).toBe(true);
      expect(hasPermission(app(['Directory.Read.All']), route.permissions)).toBe(true);
    },
  );
});

describe('limited information for members the token may not read', () => {
  const tenant = bigTenant(5);

  it('GroupMember.Read.All alone lists user members with their id and every other property null', async () => {
    const limited = (
      await handle(
        'members',
        membersCall(tenant, 'members', '$select=id,displayName,mail', ['GroupMember.Read.All']),
      )
    ).body as { value: Record<string, unknown>[] };
    expect(limited.value[0]).toEqual({
      '@odata.type': '#microsoft.graph.user',
      id: tenant.groups.byObjectId(GROUP_ID)?.emulatorMemberIds[0],
      displayName: null,
      mail: null,
    });
    const full = (
      await handle(
        'members',
        membersCall(tenant, 'members', '$select=id,displayName', ['GroupMember.Read.All', 'User.Read.All']),
      )
    ).body as { value: Record<string, unknown>[] };
    expect(full.value[0].displayName).toEqual(expect.any(String));
  });
});
