import { classifyUser, type Scope } from './classify-user';
import type { DirectoryUser } from '../graph/directory-reader';
import { normalizeUser } from './normalize-user';

const exchange = [{ service: 'exchange', capabilityStatus: 'Enabled' as const, servicePlanId: 'x' }];
const base: DirectoryUser = {
  id: 'A1',
  userPrincipalName: 'Ada@Contoso.com',
  displayName: 'Ada',
  givenName: 'Ada',
  surname: 'Lovelace',
  mail: 'ada@contoso.com',
  proxyAddresses: ['SMTP:Ada@contoso.com', 'smtp:ada@contoso.onmicrosoft.com'],
  accountEnabled: true,
  userType: 'Member',
  assignedPlans: exchange,
};
const scope: Scope = {
  filter: 'licensed',
  includeGuests: false,
  includeSharedMailboxes: false,
  includeRooms: false,
  includeDisabled: false,
};

describe('classifyUser', () => {
  it('licensed filter: an enabled Exchange plan is in; a suspended one or none is out', () => {
    expect(classifyUser(base, scope)).toEqual({
      included: true,
      reasons: ['licensed: an Exchange Online plan is enabled'],
    });
    const suspended = {
      ...base,
      assignedPlans: [{ ...exchange[0], capabilityStatus: 'Suspended' as const }],
    };
    expect(classifyUser(suspended, scope).included).toBe(false);
    expect(classifyUser({ ...base, assignedPlans: [] }, scope).reasons).toEqual([
      'no enabled Exchange Online plan',
    ]);
  });

  it('guests, shared mailboxes and disabled accounts need their option', () => {
    const guest = { ...base, userType: 'Guest', assignedPlans: [] };
    expect(classifyUser(guest, scope).included).toBe(false);
    expect(classifyUser(guest, { ...scope, includeGuests: true }).included).toBe(true);
    const shared = { ...base, givenName: null, surname: null, accountEnabled: false, assignedPlans: [] };
    expect(classifyUser(shared, scope)).toMatchObject({ included: false });
    expect(classifyUser(shared, { ...scope, includeSharedMailboxes: true }).reasons[0]).toMatch(
      /shared mailbox/,
    );
    const disabled = { ...base, accountEnabled: false };
    expect(classifyUser(disabled, scope).reasons).toContain(
      'account disabled: disabled accounts are excluded (option off)',
    );
    expect(classifyUser(disabled, { ...scope, includeDisabled: true }).included).toBe(true);
  });

  it('groups filter: names the path through nested groups', () => {
    const membership = new Map([['a1', [['Sales', 'Sales EMEA']]]]);
    expect(classifyUser(base, { ...scope, filter: 'groups', membership }).reasons).toEqual([
      'member of group "Sales" through nested group "Sales EMEA"',
    ]);
    expect(classifyUser({ ...base, id: 'b2' }, { ...scope, filter: 'groups', membership }).included).toBe(
      false,
    );
  });
});

describe('normalizeUser', () => {
  it('lower-cases the UPN, takes the SMTP: primary and every smtp alias', () => {
    expect(normalizeUser(base)).toMatchObject({
      oid: 'a1',
      userName: 'ada@contoso.com',
      primaryAddress: 'ada@contoso.com',
      aliases: ['ada@contoso.com', 'ada@contoso.onmicrosoft.com'],
      attrsHash: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    expect(normalizeUser({ ...base, displayName: 'Ada L.' }).attrsHash).not.toBe(
      normalizeUser(base).attrsHash,
    );
  });

  it('takes smtp addresses in any case once each, sorted, and only those', () => {
    const user = {
      ...base,
      mail: 'mail@contoso.com',
      proxyAddresses: [
        'smtp:b@contoso.com',
        'SmTp:B@Contoso.com',
        'x400:c=US;a= ;p=Contoso',
        'sip:ada@contoso.com',
        'SMTPX:not@contoso.com',
        'smtp',
        'SMTP:Ada.Primary@Contoso.com',
        'SMTP:second@contoso.com',
        'smtp:a@contoso.com',
      ],
    };
    expect(normalizeUser(user)).toMatchObject({
      primaryAddress: 'ada.primary@contoso.com',
      aliases: ['a@contoso.com', 'ada.primary@contoso.com', 'b@contoso.com', 'second@contoso.com'],
    });
    // No primary among them: the mail address, then the user name.
    expect(normalizeUser({ ...user, proxyAddresses: ['smtp:x@contoso.com'] }).primaryAddress).toBe(
      'mail@contoso.com',
    );
    expect(normalizeUser({ ...base, mail: null, proxyAddresses: [] })).toMatchObject({
      primaryAddress: 'ada@contoso.com',
      aliases: [],
    });
  });
});
