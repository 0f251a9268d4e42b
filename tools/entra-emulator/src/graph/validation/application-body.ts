import type * as Graph from '@microsoft/microsoft-graph-types';
import {
  invalidValue,
  isGuid,
  type JsonObject,
  optionalArray,
  optionalBoolean,
  optionalString,
  optionalStringArray,
  rejectUnexpected,
  requireObject,
} from './body-checks';
import { replaceKeyCredentials } from './key-credentials';
import { apiChanges } from './exposed-api';
import { checkRedirectUris, checkSpaRedirectUris } from './redirect-uris';

const RESOURCE = 'application';
const WRITABLE = [
  'displayName',
  'description',
  'notes',
  'signInAudience',
  'tags',
  'identifierUris',
  'api',
  'web',
  'spa',
  'publicClient',
  'keyCredentials',
  'requiredResourceAccess',
  'isFallbackPublicClient',
  'groupMembershipClaims',
] as const;
const READ_ONLY = [
  'id',
  'appId',
  'createdDateTime',
  'deletedDateTime',
  'publisherDomain',
  'passwordCredentials',
];
const SIGN_IN_AUDIENCES = [
  'AzureADMyOrg',
  'AzureADMultipleOrgs',
  'AzureADandPersonalMicrosoftAccount',
  'PersonalMicrosoftAccount',
];

function webChanges(value: unknown, current: Graph.WebApplication | null | undefined): Graph.WebApplication {
  const web = requireObject(value, 'webApplication');
  rejectUnexpected(
    web,
    ['redirectUris', 'homePageUrl', 'logoutUrl', 'implicitGrantSettings', 'redirectUriSettings'],
    [],
    'webApplication',
  );
  const redirectUris = optionalStringArray(web, 'redirectUris', 'webApplication');
  if (redirectUris) checkRedirectUris(redirectUris, 'webApplication');
  let implicitGrantSettings = current?.implicitGrantSettings ?? {
    enableAccessTokenIssuance: false,
    enableIdTokenIssuance: false,
  };
  if (web['implicitGrantSettings'] !== undefined && web['implicitGrantSettings'] !== null) {
    const implicit = requireObject(web['implicitGrantSettings'], 'implicitGrantSettings');
    rejectUnexpected(
      implicit,
      ['enableIdTokenIssuance', 'enableAccessTokenIssuance'],
      [],
      'implicitGrantSettings',
    );
    implicitGrantSettings = {
      enableAccessTokenIssuance:
        optionalBoolean(implicit, 'enableAccessTokenIssuance', 'implicitGrantSettings') ??
        implicitGrantSettings.enableAccessTokenIssuance,
      enableIdTokenIssuance:
        optionalBoolean(implicit, 'enableIdTokenIssuance', 'implicitGrantSettings') ??
        implicitGrantSettings.enableIdTokenIssuance,
    };
  }
  const uris = redirectUris ?? current?.redirectUris ?? [];
  return {
    homePageUrl:
      web['homePageUrl'] === undefined
        ? (current?.homePageUrl ?? null)
        : optionalString(web, 'homePageUrl', 'webApplication'),
    implicitGrantSettings,
    logoutUrl:
      web['logoutUrl'] === undefined
        ? (current?.logoutUrl ?? null)
        : optionalString(web, 'logoutUrl', 'webApplication'),
    redirectUris: uris,
    redirectUriSettings: uris.map((uri) => ({ uri, index: null })),
  };
}

function redirectOnly(
  value: unknown,
  resource: string,
  check?: (uris: string[], resource: string) => void,
): { redirectUris: string[] } {
  const body = requireObject(value, resource);
  rejectUnexpected(body, ['redirectUris'], [], resource);
  const redirectUris = optionalStringArray(body, 'redirectUris', resource) ?? [];
  check?.(redirectUris, resource);
  return { redirectUris };
}

function requiredResourceAccess(value: unknown): Graph.RequiredResourceAccess[] {
  if (!Array.isArray(value))
    invalidValue('requiredResourceAccess', RESOURCE, 'expected an array of {resourceAppId, resourceAccess}.');
  return value.map((entry: unknown, index) => {
    const item = requireObject(entry, 'requiredResourceAccess');
    if (!isGuid(item['resourceAppId']))
      invalidValue(
        `requiredResourceAccess[${index}].resourceAppId`,
        RESOURCE,
        'expected the appId (GUID) of the API.',
      );
    const access = item['resourceAccess'];
    if (!Array.isArray(access))
      invalidValue(
        `requiredResourceAccess[${index}].resourceAccess`,
        RESOURCE,
        'expected an array of {id, type}.',
      );
    return {
      resourceAppId: item['resourceAppId'].toLowerCase(),
      resourceAccess: access.map((permission: unknown, position) => {
        const entryObject = requireObject(permission, 'resourceAccess');
        if (!isGuid(entryObject['id']))
          invalidValue(
            `requiredResourceAccess[${index}].resourceAccess[${position}].id`,
            RESOURCE,
            'expected a permission id (GUID).',
          );
        if (entryObject['type'] !== 'Role' && entryObject['type'] !== 'Scope') {
          invalidValue(
            `requiredResourceAccess[${index}].resourceAccess[${position}].type`,
            RESOURCE,
            "expected 'Role' (application permission) or 'Scope' (delegated permission).",
          );
        }
        return { id: entryObject['id'].toLowerCase(), type: entryObject['type'] };
      }),
    };
  });
}

/**
 * Validates a POST or PATCH body for an application and returns the properties to store. Nothing is
 * applied when any property is invalid.
 */
export function applicationChanges(
  body: unknown,
  current: Graph.Application | undefined,
): Partial<Graph.Application> {
  const input: JsonObject = requireObject(body, RESOURCE);
  rejectUnexpected(input, WRITABLE, READ_ONLY, RESOURCE);
  const changes: Partial<Graph.Application> = {};
  for (const name of ['displayName', 'description', 'notes', 'groupMembershipClaims'] as const) {
    if (input[name] !== undefined) changes[name] = optionalString(input, name, RESOURCE);
  }
  if (input['displayName'] !== undefined && !changes.displayName?.trim())
    invalidValue('displayName', RESOURCE, 'must not be empty.');
  if (input['signInAudience'] !== undefined) {
    const audience = input['signInAudience'];
    if (typeof audience !== 'string' || !SIGN_IN_AUDIENCES.includes(audience))
      invalidValue('signInAudience', RESOURCE, `expected one of ${SIGN_IN_AUDIENCES.join(', ')}.`);
    changes.signInAudience = audience;
  }
  const tags = optionalStringArray(input, 'tags', RESOURCE);
  if (tags) changes.tags = tags;
  const identifierUris = optionalStringArray(input, 'identifierUris', RESOURCE);
  if (identifierUris) changes.identifierUris = identifierUris;
  const fallback = optionalBoolean(input, 'isFallbackPublicClient', RESOURCE);
  if (fallback !== undefined) changes.isFallbackPublicClient = fallback;
  if (input['web'] !== undefined) changes.web = webChanges(input['web'], current?.web);
  if (input['spa'] !== undefined)
    changes.spa = redirectOnly(input['spa'], 'spaApplication', checkSpaRedirectUris);
  if (input['api'] !== undefined) changes.api = apiChanges(input['api'], current?.api);
  if (input['publicClient'] !== undefined)
    changes.publicClient = redirectOnly(input['publicClient'], 'publicClientApplication');
  if (optionalArray(input, 'requiredResourceAccess', RESOURCE))
    changes.requiredResourceAccess = requiredResourceAccess(input['requiredResourceAccess']);
  if (input['keyCredentials'] !== undefined)
    changes.keyCredentials = replaceKeyCredentials(input['keyCredentials'], current?.keyCredentials ?? []);
  return changes;
}
