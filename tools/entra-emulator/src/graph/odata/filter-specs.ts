import type { FilterSpec } from './filter-compiler';

const TEXT = ['eq', 'ne', 'in', 'startswith', 'endswith'] as const;
const EXACT = ['eq', 'ne', 'in'] as const;
const FLAG = ['eq', 'ne'] as const;
const DATE = ['eq', 'ne', 'ge', 'le', 'gt', 'lt'] as const;

/** Filterable user properties (https://learn.microsoft.com/graph/api/resources/user, "Supports $filter"). */
export const USER_FILTERS: FilterSpec = {
  resource: 'User',
  entityType: 'user',
  properties: {
    id: EXACT,
    accountEnabled: FLAG,
    userType: EXACT,
    displayName: TEXT,
    givenName: TEXT,
    surname: TEXT,
    mail: TEXT,
    mailNickname: TEXT,
    userPrincipalName: TEXT,
    jobTitle: TEXT,
    department: TEXT,
    usageLocation: EXACT,
    preferredLanguage: EXACT,
    officeLocation: TEXT,
    employeeId: TEXT,
    createdDateTime: DATE,
    externalUserState: EXACT,
    creationType: EXACT,
  },
  collections: {
    assignedLicenses: { skuId: EXACT },
    assignedPlans: { servicePlanId: EXACT, capabilityStatus: EXACT, service: EXACT },
    proxyAddresses: { '': ['eq', 'startswith'] },
    otherMails: { '': ['eq', 'startswith'] },
    businessPhones: { '': ['eq'] },
  },
};

export const GROUP_FILTERS: FilterSpec = {
  resource: 'Group',
  entityType: 'group',
  properties: {
    id: EXACT,
    displayName: TEXT,
    mail: TEXT,
    mailNickname: TEXT,
    mailEnabled: FLAG,
    securityEnabled: FLAG,
    description: TEXT,
    createdDateTime: DATE,
  },
  collections: { groupTypes: { '': ['eq'] }, proxyAddresses: { '': ['eq', 'startswith'] } },
};

export const APPLICATION_FILTERS: FilterSpec = {
  resource: 'Application',
  entityType: 'application',
  properties: { id: EXACT, appId: EXACT, displayName: TEXT, signInAudience: EXACT, publisherDomain: EXACT },
  collections: { identifierUris: { '': ['eq', 'startswith'] } },
};

export const SERVICE_PRINCIPAL_FILTERS: FilterSpec = {
  resource: 'ServicePrincipal',
  entityType: 'servicePrincipal',
  properties: {
    id: EXACT,
    appId: EXACT,
    displayName: TEXT,
    accountEnabled: FLAG,
    servicePrincipalType: EXACT,
  },
  collections: { servicePrincipalNames: { '': ['eq', 'startswith'] }, tags: { '': ['eq'] } },
};

export const PERMISSION_GRANT_FILTERS: FilterSpec = {
  resource: 'OAuth2PermissionGrant',
  entityType: 'oAuth2PermissionGrant',
  properties: { id: EXACT, clientId: EXACT, resourceId: EXACT, principalId: EXACT, consentType: EXACT },
  collections: {},
};
