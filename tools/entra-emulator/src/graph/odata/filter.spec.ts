import { GraphError } from '../core/graph-error';
import { compileFilter } from './filter-compiler';
import { parseFilter } from './filter-parser';
import { USER_FILTERS } from './filter-specs';

const SKU = '6fd2c87f-b296-42f0-b197-1e91e994b900';
const users = [
  {
    id: '1',
    displayName: "Ann O'Neil",
    accountEnabled: true,
    userType: 'Member',
    createdDateTime: '2023-06-01T08:00:00Z',
    assignedLicenses: [{ skuId: SKU }],
    proxyAddresses: ['SMTP:ann@contoso.com'],
  },
  {
    id: '2',
    displayName: 'Bob',
    accountEnabled: false,
    userType: 'Member',
    createdDateTime: '2024-03-15T10:30:00Z',
    assignedLicenses: [],
    proxyAddresses: [],
  },
  {
    id: '3',
    displayName: 'Guest Gail',
    accountEnabled: true,
    userType: 'Guest',
    assignedLicenses: [],
    proxyAddresses: [],
  },
];
const matching = (filter: string, advanced = false): string[] =>
  users.filter(compileFilter(parseFilter(filter), USER_FILTERS, advanced)).map((user) => user.id);
const failure = (filter: string, advanced = false): GraphError => {
  try {
    matching(filter, advanced);
  } catch (error) {
    if (error instanceof GraphError) return error;
  }
  throw new Error(`'${filter}' did not fail`);
};

describe('$filter on users', () => {
  it('evaluates comparisons, functions, lambdas, in, and/or with precedence and parentheses', () => {
    expect(matching('accountEnabled eq true')).toEqual(['1', '3']);
    expect(matching("USERTYPE eq 'guest'".replace('USERTYPE', 'userType'))).toEqual(['3']);
    expect(matching(`assignedLicenses/any(x:x/skuId eq ${SKU})`)).toEqual(['1']);
    expect(matching("proxyAddresses/any(p:p eq 'smtp:ANN@contoso.com')")).toEqual(['1']);
    expect(matching("startswith(displayName,'ann o''')")).toEqual(['1']);
    expect(matching("id in ('2','3')")).toEqual(['2', '3']);
    expect(matching("userType eq 'Guest' or accountEnabled eq false and userType eq 'Member'")).toEqual([
      '2',
      '3',
    ]);
    expect(matching("(userType eq 'Guest' or accountEnabled eq false) and userType eq 'Member'")).toEqual([
      '2',
    ]);
  });

  it('needs advanced queries for ne, not and endswith', () => {
    expect(failure("userType ne 'Guest'").code).toBe('Request_UnsupportedQuery');
    expect(failure("not(userType eq 'Guest')").code).toBe('Request_UnsupportedQuery');
    expect(matching("userType ne 'Guest'", true)).toEqual(['1', '2']);
    expect(matching("not(userType eq 'Guest')", true)).toEqual(['1', '2']);
    expect(matching("endswith(displayName,'gail')", true)).toEqual(['3']);
  });

  it('names the unsupported property, and the position of a syntax error', () => {
    expect(failure("city eq 'Paris'").message).toBe(
      "Unsupported or invalid query filter clause specified for property 'city' of resource 'User'.",
    );
    expect(failure('accountEnabled eq true and').message).toBe(
      "Invalid filter clause: syntax error at position 26 in 'accountEnabled eq true and'.",
    );
    expect(failure("displayName eq 'open").message).toMatch(/syntax error at position 15/);
    expect(failure('assignedLicenses/all(x:x/skuId eq 1)').code).toBe('Request_UnsupportedQuery');
  });

  it('takes unquoted DateTimeOffset literals and compares them as instants', () => {
    expect(matching('createdDateTime ge 2024-01-01T00:00:00Z')).toEqual(['2']);
    expect(matching('createdDateTime le 2023-06-01T10:00:00+02:00')).toEqual(['1']);
    expect(matching('createdDateTime ge 2023-06-01T08:00:00.000Z and accountEnabled eq true')).toEqual(['1']);
  });

  it('refuses a literal of another type than the property, as OData does, instead of matching nothing', () => {
    const quotedFlag = failure("accountEnabled eq 'true'");
    expect(quotedFlag.status).toBe(400);
    expect(quotedFlag.message).toBe(
      "A binary operator with incompatible types was detected. Found operand types 'Edm.Boolean' and 'Edm.String' for operator kind 'Equal'.",
    );
    expect(failure("createdDateTime ge '2024-01-01T00:00:00Z'").message).toMatch(
      /'Edm.DateTimeOffset' and 'Edm.String' for operator kind 'GreaterThanOrEqual'/,
    );
    expect(failure('displayName eq 5').message).toMatch(/'Edm.String' and 'Edm.Int32'/);
    expect(failure('userType in (1)').message).toMatch(/incompatible types/);
    expect(matching('displayName eq null')).toEqual([]);
  });

  it('refuses a filter nested too deeply with 400 instead of overflowing the stack', () => {
    const deep = `${'('.repeat(5000)}displayName eq 'a'${')'.repeat(5000)}`;
    expect(failure(deep).status).toBe(400);
    expect(failure(deep).message).toMatch(/nested more than 50 levels/);
    expect(failure(`${'not('.repeat(5000)}displayName eq 'a'${')'.repeat(5000)}`, true).status).toBe(400);
    expect(matching(`${'('.repeat(50)}displayName eq 'bob'${')'.repeat(50)}`)).toEqual(['2']);
  });
});
