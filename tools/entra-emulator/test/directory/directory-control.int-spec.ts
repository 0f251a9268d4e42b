import { TENANT_DOMAIN } from './support/directory-fixture';
import { type DirectoryHarness, startDirectoryHarness } from './support/directory-harness';

interface ErrorBody {
  error: { code: string; message: string };
}

describe('directory control API (/_emulator)', () => {
  let harness: DirectoryHarness;
  const expectError = async (response: Response, status: number, message: RegExp): Promise<void> => {
    expect(response.status).toBe(status);
    expect(((await response.json()) as ErrorBody).error.message).toMatch(message);
  };

  beforeAll(async () => {
    harness = await startDirectoryHarness();
  });
  afterAll(() => harness.close());

  it('generates a tenant from a seed and reports its summary', async () => {
    const created = await harness.control('POST', '/tenants', {
      generate: { users: 300, seed: 5, domain: 'fabrikam.com', organizationName: 'Fabrikam' },
    });
    expect(created.status).toBe(201);
    const summary = ((await created.json()) as { value: { id: string; users: number; domains: string[] }[] })
      .value[0];
    expect(summary.users).toBe(300);
    expect(summary.domains).toEqual(['fabrikam.onmicrosoft.com', 'fabrikam.com']);
    const fetched = (await (await harness.control('GET', '/tenants/fabrikam.com')).json()) as { id: string };
    expect(fetched.id).toBe(summary.id);
    expect((await harness.control('DELETE', `/tenants/${summary.id}`)).status).toBe(204);
    expect((await harness.control('GET', `/tenants/${summary.id}`)).status).toBe(404);
  });

  it('seeds a tenant from a fixture and rejects malformed ones', async () => {
    const fixture = {
      organization: {
        id: '9e0b3c1d-1111-4222-8333-444455556666',
        verifiedDomains: [{ name: 'tailspin.com', isDefault: true }],
      },
      users: [],
      groups: [],
    };
    expect((await harness.control('POST', '/tenants', { fixture })).status).toBe(201);
    await expectError(
      await harness.control('POST', '/tenants', { fixture: { ...fixture, organization: { id: 'nope' } } }),
      400,
      /organization\.id must be the tenant id/,
    );
    await expectError(
      await harness.control('POST', '/tenants', { generate: { users: -5, seed: 1 } }),
      400,
      /generate\.users must be a whole number/,
    );
    await expectError(
      await harness.control('POST', '/tenants', {}),
      400,
      /Give generate, fixture or tenants/,
    );
    for (const [malformed, message] of [
      [{ groups: [null] }, /groups\[0\] must be an object/],
      [{ groups: [{ id: 'g', emulatorMemberIds: [5] }] }, /groups\[0\]\.emulatorMemberIds must be an array/],
      [
        { users: [{ id: 5, userPrincipalName: 'a@tailspin.com' }] },
        /users\[0\]\.id must be a non-empty string/,
      ],
      [{ applications: [{ id: 'a' }] }, /applications\[0\]\.appId/],
    ] as const) {
      await expectError(
        await harness.control('POST', '/tenants', { fixture: { ...fixture, ...malformed } }),
        400,
        message,
      );
    }
  });

  it('adds a joiner with a license and a password that is never echoed', async () => {
    const response = await harness.control('POST', `/tenants/${TENANT_DOMAIN}/users`, {
      displayName: 'Ilse Joiner',
      userPrincipalName: `ilse@${TENANT_DOMAIN}`,
      usageLocation: 'DE',
      password: 'Sup3r-secret-pass',
      licenseSkuIds: ['6fd2c87f-b296-42f0-b197-1e91e994b900'],
    });
    const text = await response.text();
    expect(response.status).toBe(201);
    expect(text).not.toContain('Sup3r-secret-pass');
    const user = JSON.parse(text) as {
      id: string;
      hasPassword: boolean;
      assignedLicenses: { skuId: string }[];
    };
    expect(user.hasPassword).toBe(true);
    expect(user.assignedLicenses.map((license) => license.skuId)).toEqual([
      '6fd2c87f-b296-42f0-b197-1e91e994b900',
    ]);
    const stored = harness.store.tenant(TENANT_DOMAIN)?.userById(user.id);
    expect(
      stored?.assignedPlans?.some(
        (plan) => plan.service === 'exchange' && plan.capabilityStatus === 'Enabled',
      ),
    ).toBe(true);
  });

  it('removes a license, leaving the Exchange plan as Deleted, and keeps consumed units right', async () => {
    const tenant = harness.store.tenant(TENANT_DOMAIN);
    const e3 = () =>
      tenant?.licenses.all().find((sku) => sku.skuPartNumber === 'ENTERPRISEPACK')?.consumedUnits ?? 0;
    const before = e3();
    const response = await harness.control(
      'POST',
      `/tenants/${TENANT_DOMAIN}/users/ilse@${TENANT_DOMAIN}/licenses`,
      { removeSkuIds: ['6fd2c87f-b296-42f0-b197-1e91e994b900'] },
    );
    expect(response.status).toBe(200);
    expect(e3()).toBe(before - 1);
    const plans = tenant?.userByPrincipalName(`ilse@${TENANT_DOMAIN}`)?.assignedPlans ?? [];
    expect(plans.filter((plan) => plan.service === 'exchange').map((plan) => plan.capabilityStatus)).toEqual([
      'Deleted',
    ]);
  });

  it('refuses bad user changes with 400, 404 and 409 and clear messages', async () => {
    const users = `/tenants/${TENANT_DOMAIN}/users`;
    await expectError(
      await harness.control('POST', users, { displayName: 'X', userPrincipalName: 'x@unverified.example' }),
      400,
      /verified domain names/,
    );
    await expectError(
      await harness.control('POST', users, {
        displayName: 'Adele Again',
        userPrincipalName: `adele.vance@${TENANT_DOMAIN}`,
      }),
      409,
      /userPrincipalName already exists/,
    );
    await expectError(
      await harness.control('POST', users, {
        displayName: 'X',
        userPrincipalName: `x@${TENANT_DOMAIN}`,
        accountEnabled: 'yes',
      }),
      400,
      /user\.accountEnabled: expected a boolean/,
    );
    await expectError(
      await harness.control('PATCH', `${users}/adele.vance@${TENANT_DOMAIN}`, {
        id: '00000000-0000-4000-8000-000000000000',
      }),
      400,
      /id cannot be changed/,
    );
    await expectError(
      await harness.control('PATCH', `${users}/adele.vance@${TENANT_DOMAIN}`, { userPrincipalName: null }),
      400,
      /userPrincipalName cannot be cleared/,
    );
    await expectError(await harness.control('GET', '/tenants/%ZZ'), 400, /percent-encoding/);
    await expectError(
      await harness.control('POST', users, {
        displayName: 'P',
        userPrincipalName: `p@${TENANT_DOMAIN}`,
        passwordProfile: { password: 'x' },
      }),
      400,
      /not passwordProfile/,
    );
    const refusedJoiner = {
      displayName: 'Lea Later',
      userPrincipalName: `lea@${TENANT_DOMAIN}`,
      licenseSkuIds: ['6fd2c87f-b296-42f0-b197-1e91e994b900'],
    };
    await expectError(await harness.control('POST', users, refusedJoiner), 400, /invalid usage location/);
    expect((await harness.control('GET', `${users}/lea@${TENANT_DOMAIN}`)).status).toBe(404);
    await expectError(
      await harness.control('POST', `${users}/adele.vance@${TENANT_DOMAIN}/licenses`, {
        addSkuIds: ['11111111-2222-4333-8444-555555555555'],
      }),
      400,
      /does not correspond to a valid company License/,
    );
    await expectError(
      await harness.control('PUT', `${users}/adele.vance@${TENANT_DOMAIN}/password`, { password: 'short' }),
      400,
      /at least 8 characters/,
    );
    await expectError(
      await harness.control('DELETE', `${users}/nobody@${TENANT_DOMAIN}`),
      404,
      /does not exist/,
    );
    await expectError(
      await harness.control('GET', '/tenants/unknown.example'),
      404,
      /No tenant 'unknown\.example'/,
    );
    const invalidJson = await harness.fetch(`${harness.url}/_emulator/tenants/${TENANT_DOMAIN}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"displayName":',
    });
    // The server parses /_emulator bodies before any control router runs; it answers 400 itself.
    expect(invalidJson.status).toBe(400);
  });

  it('registers a client app with a secret and admin consent in one call; the Graph client can then read users', async () => {
    const secret = 'Zx8~registered-app-secret-0123456789';
    const response = await harness.control('POST', `/tenants/${TENANT_DOMAIN}/apps`, {
      displayName: 'Bench Client',
      clientSecret: secret,
      graphRoles: ['Directory.Read.All'],
    });
    const text = await response.text();
    expect(response.status).toBe(201);
    expect(text).not.toContain(secret);
    const registered = JSON.parse(text) as {
      appId: string;
      applicationId: string;
      servicePrincipalId: string;
      roles: string[];
    };
    expect(registered.roles).toEqual(['Directory.Read.All']);
    const graph = harness.graphClient({
      appId: registered.appId,
      objectId: registered.applicationId,
      servicePrincipalId: registered.servicePrincipalId,
      secret,
      roles: registered.roles,
    });
    const page = (await graph.api('/users').top(2).get()) as { value: unknown[] };
    expect(page.value).toHaveLength(2);
    await expectError(
      await harness.control('POST', `/tenants/${TENANT_DOMAIN}/apps`, {
        displayName: 'X',
        clientSecret: secret,
        graphRoles: ['Mail.Teleport'],
      }),
      400,
      /'Mail\.Teleport' is not an application permission of Microsoft Graph/,
    );
    await expectError(
      await harness.control('POST', `/tenants/${TENANT_DOMAIN}/apps`, {
        displayName: 'X',
        clientSecret: 'short',
      }),
      400,
      /at least 16 characters/,
    );
  });

  it('renames, disables, sets a password and moves the clock', async () => {
    const path = `/tenants/${TENANT_DOMAIN}/users/alex.wilber@${TENANT_DOMAIN}`;
    const renamed = (await (
      await harness.control('PATCH', path, {
        userPrincipalName: `alex.w@${TENANT_DOMAIN}`,
        accountEnabled: false,
      })
    ).json()) as { userPrincipalName: string; accountEnabled: boolean };
    expect(renamed).toMatchObject({ userPrincipalName: `alex.w@${TENANT_DOMAIN}`, accountEnabled: false });
    expect(
      (
        await harness.control('PUT', `/tenants/${TENANT_DOMAIN}/users/alex.w@${TENANT_DOMAIN}/password`, {
          password: 'N3w-password!',
        })
      ).status,
    ).toBe(204);
    expect(
      harness.store.tenant(TENANT_DOMAIN)?.userByPrincipalName(`alex.w@${TENANT_DOMAIN}`)?.emulatorPassword,
    ).toBe('N3w-password!');
    const clock = (await (await harness.control('POST', '/clock/advance', { days: 1 })).json()) as {
      offsetMs: number;
    };
    expect(clock.offsetMs).toBe(86_400_000);
    await expectError(
      await harness.control('POST', '/clock/advance', { days: -1 }),
      400,
      /only moves forward/,
    );
    expect((await harness.control('DELETE', '/clock')).status).toBe(204);
  });

  it('assigns directory roles for the wids claim', async () => {
    const path = `/tenants/${TENANT_DOMAIN}/users/adele.vance@${TENANT_DOMAIN}/directoryRoles`;
    expect(
      (await harness.control('PUT', path, { roleDefinitionIds: ['62e90394-69f5-4237-9190-012177145e10'] }))
        .status,
    ).toBe(204);
    const adele = harness.store.tenant(TENANT_DOMAIN)?.userByPrincipalName(`adele.vance@${TENANT_DOMAIN}`);
    expect(harness.store.tenant(TENANT_DOMAIN)?.directoryRolesOf(adele?.id ?? '')).toEqual([
      '62e90394-69f5-4237-9190-012177145e10',
    ]);
    await expectError(
      await harness.control('PUT', path, { roleDefinitionIds: ['Global Administrator'] }),
      400,
      /role template ids/,
    );
  });

  // Last: it drops every tenant of this emulator.
  it('resets tenants, faults, throttling and the clock', async () => {
    await harness.control('POST', '/faults', { kind: 'delay', delayMs: 1 });
    await harness.control('PUT', '/throttling', { enabled: true });
    await harness.control('POST', '/clock/advance', { ms: 5000 });
    expect((await harness.control('POST', '/reset')).status).toBe(204);
    expect(await (await harness.control('GET', '/tenants')).json()).toEqual({ value: [] });
    expect(await (await harness.control('GET', '/faults')).json()).toEqual({ value: [] });
    expect(
      ((await (await harness.control('GET', '/throttling')).json()) as { enabled: boolean }).enabled,
    ).toBe(false);
    expect(((await (await harness.control('GET', '/clock')).json()) as { offsetMs: number }).offsetMs).toBe(
      0,
    );
  });
});
