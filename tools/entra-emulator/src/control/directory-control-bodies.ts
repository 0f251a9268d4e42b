import { randomUUID } from 'node:crypto';
import type { EmulatorFixture, FixtureGroup, FixtureUser, TenantFixture } from '../fixture/fixture.types';
import type { ThrottlingSettings } from '../faults';
import type { GenerateTenantOptions } from '../fixture/tenant-options';
import { GRAPH_SCHEMA } from '../graph/schema/graph-schema';
import { entityProblems } from '../graph/schema/schema-conformance';
import { ControlError } from './directory-control-errors';

type JsonObject = Record<string, unknown>;

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function objectBody(body: unknown, example: string): JsonObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ControlError(400, 'invalid_request', `Send a JSON object, for example ${example}.`);
  }
  return body as JsonObject;
}

function stringArray(value: unknown, name: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || !item)) {
    throw new ControlError(400, 'invalid_request', `${name} must be an array of non-empty strings.`);
  }
  return value as string[];
}

/** Graph user properties, checked against the CSDL snapshot (names, types, nullability). */
function userProperties(input: JsonObject, emulatorFields: readonly string[]): Partial<FixtureUser> {
  const properties = Object.fromEntries(
    Object.entries(input).filter(([name]) => !emulatorFields.includes(name)),
  );
  if ('passwordProfile' in properties) {
    throw new ControlError(
      400,
      'invalid_request',
      'Set the sign-in password with "password" (or PUT .../password), not passwordProfile.',
    );
  }
  const problems = entityProblems('user', properties, 'user');
  if (problems.length > 0) {
    throw new ControlError(
      400,
      'invalid_request',
      `Invalid user properties: ${problems.slice(0, 5).join('; ')}. Use Microsoft Graph user property names and types.`,
    );
  }
  if ('id' in properties && (typeof properties['id'] !== 'string' || !GUID.test(properties['id']))) {
    throw new ControlError(400, 'invalid_request', 'id must be a GUID (or leave it out to get a new one).');
  }
  return properties as Partial<FixtureUser>;
}

function password(input: JsonObject): string | undefined {
  const value = input['password'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length < 8)
    throw new ControlError(400, 'invalid_request', 'password must be a string of at least 8 characters.');
  return value;
}

/** A joiner: Graph user properties plus `password` and `licenseSkuIds`. */
export function newUserFromBody(body: unknown): { user: FixtureUser; licenseSkuIds: string[] } {
  const input = objectBody(
    body,
    '{"displayName": "Jane Doe", "userPrincipalName": "jane@contoso.com", "licenseSkuIds": ["..."]}',
  );
  const properties = userProperties(input, ['password', 'licenseSkuIds']);
  if (typeof properties.displayName !== 'string' || !properties.displayName.trim())
    throw new ControlError(400, 'invalid_request', 'displayName is required.');
  if (typeof properties.userPrincipalName !== 'string' || !properties.userPrincipalName.includes('@')) {
    throw new ControlError(
      400,
      'invalid_request',
      'userPrincipalName is required, e.g. "jane@contoso.com" on one of the tenant\'s verified domains.',
    );
  }
  const nickname = properties.userPrincipalName.split('@')[0];
  const user: FixtureUser = {
    accountEnabled: true,
    assignedLicenses: [],
    assignedPlans: [],
    businessPhones: [],
    createdDateTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    deletedDateTime: null,
    mailNickname: nickname,
    proxyAddresses: [],
    userType: 'Member',
    ...properties,
    id: (properties.id ?? randomUUID()).toLowerCase(),
    userPrincipalName: properties.userPrincipalName,
  };
  const secret = password(input);
  if (secret) user.emulatorPassword = secret;
  return { user, licenseSkuIds: stringArray(input['licenseSkuIds'], 'licenseSkuIds') };
}

/** Renames, disables and other property changes. `id` cannot change. */
export function userChangesFromBody(body: unknown): Partial<FixtureUser> {
  const input = objectBody(body, '{"displayName": "Jane Smith", "accountEnabled": false}');
  if ('id' in input)
    throw new ControlError(
      400,
      'invalid_request',
      'id cannot be changed; the object id is the stable key of a user.',
    );
  if (Object.keys(input).length === 0)
    throw new ControlError(400, 'invalid_request', 'Send at least one user property to change.');
  const changes = userProperties(input, ['password']);
  // Every user has a sign-in name: it can be renamed, never cleared.
  if ('userPrincipalName' in changes && !changes.userPrincipalName?.includes('@'))
    throw new ControlError(
      400,
      'invalid_request',
      'userPrincipalName cannot be cleared; give the new name, e.g. "jane@contoso.com".',
    );
  const secret = password(input);
  return secret ? { ...changes, emulatorPassword: secret } : changes;
}

export function passwordFromBody(body: unknown): string {
  const secret = password(objectBody(body, '{"password": "a-new-password"}'));
  if (!secret) throw new ControlError(400, 'invalid_request', 'password is required.');
  return secret;
}

export function licenseChangeFromBody(body: unknown): { add: string[]; remove: string[] } {
  const input = objectBody(
    body,
    '{"addSkuIds": ["6fd2c87f-b296-42f0-b197-1e91e994b900"], "removeSkuIds": []}',
  );
  const add = stringArray(input['addSkuIds'], 'addSkuIds');
  const remove = stringArray(input['removeSkuIds'], 'removeSkuIds');
  if (add.length + remove.length === 0)
    throw new ControlError(400, 'invalid_request', 'Give addSkuIds and/or removeSkuIds.');
  for (const skuId of [...add, ...remove])
    if (!GUID.test(skuId))
      throw new ControlError(400, 'invalid_request', `'${skuId}' is not a SKU id (GUID).`);
  return { add, remove };
}

export function newGroupFromBody(body: unknown): FixtureGroup {
  const input = objectBody(body, '{"displayName": "Archive Users", "memberIds": ["<user or group id>"]}');
  const { memberIds, ...properties } = input;
  const unknown = Object.keys(properties).filter(
    (name) => !Object.hasOwn(GRAPH_SCHEMA.entityTypes.group.properties, name),
  );
  if (unknown.length > 0)
    throw new ControlError(400, 'invalid_request', `Not group properties: ${unknown.join(', ')}.`);
  if (typeof properties['displayName'] !== 'string' || !properties['displayName'].trim())
    throw new ControlError(400, 'invalid_request', 'displayName is required.');
  const displayName = properties['displayName'];
  return {
    createdDateTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    description: null,
    groupTypes: [],
    mailEnabled: false,
    mailNickname: displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    securityEnabled: true,
    ...properties,
    id: typeof properties['id'] === 'string' && GUID.test(properties['id']) ? properties['id'] : randomUUID(),
    emulatorMemberIds: stringArray(memberIds, 'memberIds'),
  } as FixtureGroup;
}

export function memberIdFromBody(body: unknown): string {
  const input = objectBody(body, '{"memberId": "<user or group id>"}');
  if (typeof input['memberId'] !== 'string' || !input['memberId'])
    throw new ControlError(400, 'invalid_request', 'memberId is required (a user id, UPN or group id).');
  return input['memberId'];
}

/** `{generate: {...}}`, `{fixture: tenant}` or a whole fixture `{tenants: [...]}`. */
export function seedFromBody(
  body: unknown,
): { generate: GenerateTenantOptions } | { fixture: EmulatorFixture } {
  const input = objectBody(
    body,
    '{"generate": {"users": 1000, "seed": 42}} or {"fixture": {"organization": {...}, "users": [...], "groups": [...]}}',
  );
  if (input['generate'] !== undefined) {
    const options = objectBody(input['generate'], '{"users": 1000, "seed": 42}');
    const users = options['users'];
    if (typeof users !== 'number' || !Number.isInteger(users) || users < 0 || users > 1_000_000) {
      throw new ControlError(
        400,
        'invalid_request',
        'generate.users must be a whole number from 0 to 1000000.',
      );
    }
    const seed = options['seed'];
    if (typeof seed !== 'number' && typeof seed !== 'string')
      throw new ControlError(400, 'invalid_request', 'generate.seed is required (a number or a string).');
    for (const name of ['tenantId', 'domain', 'organizationName'] as const) {
      if (options[name] !== undefined && typeof options[name] !== 'string')
        throw new ControlError(400, 'invalid_request', `generate.${name} must be a string.`);
    }
    if (typeof options['tenantId'] === 'string' && !GUID.test(options['tenantId']))
      throw new ControlError(400, 'invalid_request', 'generate.tenantId must be a GUID.');
    return { generate: options as unknown as GenerateTenantOptions };
  }
  const tenants =
    input['tenants'] !== undefined
      ? input['tenants']
      : input['fixture'] !== undefined
        ? [input['fixture']]
        : undefined;
  if (!Array.isArray(tenants) || tenants.length === 0)
    throw new ControlError(400, 'invalid_request', 'Give generate, fixture or tenants.');
  tenants.forEach((tenant: unknown, index) => checkTenantFixture(tenant, `tenants[${index}]`));
  return { fixture: { tenants: tenants as TenantFixture[] } };
}

function checkTenantFixture(tenant: unknown, where: string): void {
  const input = objectBody(
    tenant,
    '{"organization": {"id": "<GUID>", "verifiedDomains": [...]}, "users": [], "groups": []}',
  );
  const organization = input['organization'] as JsonObject | undefined;
  if (typeof organization?.['id'] !== 'string' || !GUID.test(organization['id']))
    throw new ControlError(400, 'invalid_request', `${where}.organization.id must be the tenant id (GUID).`);
  if (!Array.isArray(input['users']))
    throw new ControlError(400, 'invalid_request', `${where}.users must be an array (may be empty).`);
  if (!Array.isArray(input['groups']))
    throw new ControlError(400, 'invalid_request', `${where}.groups must be an array (may be empty).`);
  checkEntries(organization['verifiedDomains'], `${where}.organization.verifiedDomains`, ['name'], []);
  checkEntries(input['users'], `${where}.users`, ['id', 'userPrincipalName'], []);
  checkEntries(input['groups'], `${where}.groups`, ['id'], ['emulatorMemberIds']);
  checkEntries(input['applications'], `${where}.applications`, ['id', 'appId'], []);
  checkEntries(
    input['servicePrincipals'],
    `${where}.servicePrincipals`,
    ['id', 'appId'],
    ['servicePrincipalNames'],
  );
  checkEntries(input['subscribedSkus'], `${where}.subscribedSkus`, ['skuId'], []);
  for (const name of ['appRoleAssignments', 'oauth2PermissionGrants', 'roleAssignments'])
    checkEntries(input[name], `${where}.${name}`, [], []);
}

/**
 * An optional list of objects whose `strings` are strings and whose `stringLists` are absent or
 * arrays of strings: a fixture of another shape is a 400 naming the entry, never a failure inside
 * the store.
 */
function checkEntries(value: unknown, where: string, strings: string[], stringLists: string[]): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) throw new ControlError(400, 'invalid_request', `${where} must be an array.`);
  value.forEach((entry: unknown, index) => {
    const at = `${where}[${index}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      throw new ControlError(400, 'invalid_request', `${at} must be an object.`);
    const fields = entry as JsonObject;
    for (const name of strings)
      if (typeof fields[name] !== 'string' || !fields[name])
        throw new ControlError(400, 'invalid_request', `${at}.${name} must be a non-empty string.`);
    for (const name of stringLists)
      if (fields[name] !== undefined) stringArray(fields[name], `${at}.${name}`);
  });
}

/** `{enabled, resourceUnitsPerWindow?, windowMs?}` for Graph's throttling model. */
export function throttlingFromBody(body: unknown): Partial<ThrottlingSettings> {
  const input = objectBody(body, '{"enabled": true, "resourceUnitsPerWindow": 8000, "windowMs": 10000}');
  const unknown = Object.keys(input).filter(
    (name) => !['enabled', 'resourceUnitsPerWindow', 'windowMs'].includes(name),
  );
  if (unknown.length > 0)
    throw new ControlError(
      400,
      'invalid_request',
      `Unknown field(s) ${unknown.join(', ')}; allowed: enabled, resourceUnitsPerWindow, windowMs.`,
    );
  if (typeof input['enabled'] !== 'boolean')
    throw new ControlError(400, 'invalid_request', 'enabled (true or false) is required.');
  const settings: Partial<ThrottlingSettings> = { enabled: input['enabled'] };
  for (const name of ['resourceUnitsPerWindow', 'windowMs'] as const) {
    const value = input[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
      throw new ControlError(400, 'invalid_request', `${name} must be a whole number of at least 1.`);
    settings[name] = value;
  }
  return settings;
}

export function directoryRolesFromBody(body: unknown): string[] {
  const input = objectBody(body, '{"roleDefinitionIds": ["62e90394-69f5-4237-9190-012177145e10"]}');
  const roles = input['roleDefinitionIds'];
  if (!Array.isArray(roles) || roles.some((role) => typeof role !== 'string' || !GUID.test(role))) {
    throw new ControlError(
      400,
      'invalid_request',
      'roleDefinitionIds must be an array of role template ids (GUIDs).',
    );
  }
  return roles as string[];
}

const DAY_MS = 86_400_000;

/** `{days}` or `{ms}`; the emulator clock only moves forward. */
export function clockAdvanceFromBody(body: unknown): number {
  const input = objectBody(body, '{"days": 8} or {"ms": 60000}');
  const ms =
    typeof input['ms'] === 'number'
      ? input['ms']
      : typeof input['days'] === 'number'
        ? input['days'] * DAY_MS
        : NaN;
  if (!Number.isFinite(ms) || ms < 0)
    throw new ControlError(
      400,
      'invalid_request',
      'Give ms or days as a number of at least 0; the clock only moves forward.',
    );
  return ms;
}
