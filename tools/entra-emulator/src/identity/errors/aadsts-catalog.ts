import { AadstsError } from './aadsts-error';

/**
 * The AADSTS errors the emulator raises, with Microsoft's code numbers and message texts
 * (https://learn.microsoft.com/entra/identity-platform/reference-error-codes and the messages the
 * service returns). One function per error keeps the wording in one place.
 */
export const aadsts = {
  tenantNotFound: (tenant: string, oauthError: 'invalid_tenant' | 'invalid_request' = 'invalid_request') =>
    new AadstsError(
      90002,
      oauthError,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    ),
  tenantNotIdentified: () =>
    new AadstsError(
      50059,
      'invalid_request',
      'No tenant-identifying information found in either the request or implied by any provided credentials.',
    ),
  missingParameter: (name: string) =>
    new AadstsError(
      900144,
      'invalid_request',
      `The request body must contain the following parameter: '${name}'.`,
    ),
  malformedRequest: () =>
    new AadstsError(9002313, 'invalid_request', 'Invalid request. Request is malformed or invalid.'),
  postOnly: (method: string) =>
    new AadstsError(
      900561,
      'invalid_request',
      `The endpoint only accepts POST, OPTIONS requests. Received a ${method} request.`,
    ),
  unsupportedGrantType: (grantType: string) =>
    new AadstsError(
      70003,
      'unsupported_grant_type',
      `The app requested an unsupported grant type '${grantType}'.`,
    ),
  applicationNotFound: (appId: string, tenantName: string) =>
    new AadstsError(
      700016,
      'unauthorized_client',
      `Application with identifier '${appId}' was not found in the directory '${tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  userFromOtherTenant: (
    userName: string,
    userTenantId: string,
    tenantName: string,
    appId: string,
    appName: string,
  ) =>
    new AadstsError(
      50020,
      'invalid_request',
      `User account '${userName}' from identity provider 'https://sts.windows.net/${userTenantId}/' does not exist in tenant '${tenantName}' and cannot access the application '${appId}'(${appName}) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.`,
    ),
  adminApprovalRequired: (appName: string) =>
    new AadstsError(
      90094,
      'access_denied',
      `${appName} needs permission to access resources in your organization that only an admin can grant. Please ask an admin to grant permission to this app before you can use it.`,
    ),
  consentDeclined: () =>
    new AadstsError(65004, 'access_denied', 'User declined to consent to access the app.', {
      errorSubcode: 'cancel',
    }),
  applicationDisabled: (appId: string, name: string) =>
    new AadstsError(7000112, 'unauthorized_client', `Application '${appId}'(${name}) is disabled.`),
  userNotAssigned: (appId: string, name: string) =>
    new AadstsError(
      50105,
      'invalid_grant',
      `Your administrator has configured the application ${name} ('${appId}') to block users unless they are specifically granted ('assigned') access to the application. The signed in user is blocked because they are not a direct member of a group with access, nor had access directly assigned by an administrator. Please contact your administrator to assign access to this application.`,
    ),
  credentialMissing: () =>
    new AadstsError(
      7000218,
      'invalid_client',
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    ),
  publicClientWithCredential: () =>
    new AadstsError(
      700025,
      'invalid_client',
      "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
    ),
  invalidClientSecret: (appId: string) =>
    new AadstsError(
      7000215,
      'invalid_client',
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${appId}'.`,
    ),
  clientSecretExpired: (appId: string) =>
    new AadstsError(
      7000222,
      'invalid_client',
      `The provided client secret keys for app '${appId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
    ),
  unsupportedAssertionType: () =>
    new AadstsError(
      70002,
      'invalid_client',
      "The provided value for the input parameter 'client_assertion_type' is not valid. Use 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'.",
    ),
  malformedAssertion: () => new AadstsError(50027, 'invalid_request', 'JWT token is invalid or malformed.'),
  assertionIssuerMismatch: () =>
    new AadstsError(
      700021,
      'invalid_client',
      "Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .",
    ),
  assertionAudienceMismatch: () =>
    new AadstsError(
      700023,
      'invalid_client',
      'Client assertion audience claim does not match Realm issuer. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .',
    ),
  assertionOutsideValidity: (nowIso: string, nbfIso: string, expIso: string) =>
    new AadstsError(
      700024,
      'invalid_client',
      `Client assertion is not within its valid time range. Current time: ${nowIso}, assertion valid from ${nbfIso}, expiry time of assertion ${expIso}. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .`,
    ),
  assertionKeyNotRegistered: (thumbprint: string | undefined, appId: string) =>
    new AadstsError(
      700027,
      'invalid_client',
      `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., ${thumbprint ? `Thumbprint of key used by client: '${thumbprint}', ` : ''}Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${appId}'. Review the documentation at https://docs.microsoft.com/en-us/graph/deployments to determine the corresponding service endpoint and https://docs.microsoft.com/en-us/graph/api/application-get?view=graph-rest-1.0&tabs=http to build a query request URL, such as 'https://graph.microsoft.com/beta/applications/${appId}']`,
    ),
  assertionKeyOutsideValidity: (
    reason: 'expired' | 'not yet valid',
    thumbprint: string,
    start: string,
    end: string,
    appId: string,
  ) =>
    new AadstsError(
      700027,
      'invalid_client',
      `Client assertion contains an invalid signature. [Reason - The key used is ${reason}., Thumbprint of key used by client: '${thumbprint}', Found key 'Start=${start}, End=${end}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${appId}'.]`,
    ),
  assertionBadSignature: (thumbprint: string, appId: string) =>
    new AadstsError(
      700027,
      'invalid_client',
      `Client assertion contains an invalid signature. [Reason - The provided signature value did not match the expected signature value., Thumbprint of key used by client: '${thumbprint}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${appId}'.]`,
    ),
  invalidScope: (scope: string) =>
    new AadstsError(
      70011,
      'invalid_scope',
      `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
    ),
  multipleResources: (scope: string) =>
    new AadstsError(
      28000,
      'invalid_scope',
      `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scope} is not valid.`,
    ),
  servicePrincipalMissing: (appId: string, tenantId: string) =>
    new AadstsError(
      7000229,
      'invalid_client',
      `The client application ${appId} is missing service principal in the tenant ${tenantId}. See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119`,
    ),
  clientCredentialsNeedDefaultScope: (scope: string) =>
    new AadstsError(
      1002012,
      'invalid_scope',
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  resourceNotFound: (resource: string, tenantName: string) =>
    new AadstsError(
      500011,
      'invalid_resource',
      `The resource principal named ${resource} was not found in the tenant named ${tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
    ),
  consentRequired: (appId: string, appName: string) =>
    new AadstsError(
      65001,
      'invalid_grant',
      `The user or administrator has not consented to use the application with ID '${appId}' named '${appName}'. Send an interactive authorization request for this user and resource.`,
      { suberror: 'consent_required' },
    ),
  grantExpired: () =>
    new AadstsError(
      70008,
      'invalid_grant',
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
    ),
  codeAlreadyRedeemed: () =>
    new AadstsError(
      54005,
      'invalid_grant',
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
    ),
  /** An authorization code or refresh token the service cannot read (garbled, truncated, unknown). */
  malformedGrant: () =>
    new AadstsError(9002313, 'invalid_grant', 'Invalid request. Request is malformed or invalid.'),
  grantInvalid: (what: string) =>
    new AadstsError(70000, 'invalid_grant', `Provided grant is invalid or malformed. ${what}`),
  grantForOtherTenant: () =>
    new AadstsError(7000012, 'invalid_grant', 'The grant was obtained for a different tenant.'),
  requiredFieldMissing: (name: string) =>
    new AadstsError(
      90014,
      'invalid_request',
      `The required field '${name}' is missing from the credential. Ensure that you have all the necessary parameters for the login request.`,
    ),
  signInFlowExpired: () =>
    new AadstsError(
      50089,
      'invalid_request',
      'Flow token expired - Authentication Failed. Have the user try signing-in again with username -password.',
    ),
  spaNeedsCrossOrigin: () =>
    new AadstsError(
      9002327,
      'invalid_request',
      "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
    ),
  crossOriginOnlyForSpa: (origin: string) =>
    new AadstsError(
      9002326,
      'invalid_request',
      `Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '${origin}'.`,
    ),
  spaNeedsPkce: () =>
    new AadstsError(
      9002325,
      'invalid_request',
      'Proof Key for Code Exchange is required for cross-origin authorization code redemption.',
    ),
  pkceMismatch: () =>
    new AadstsError(
      501481,
      'invalid_grant',
      'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
    ),
  redirectUriMismatch: (redirectUri: string, appId: string) =>
    new AadstsError(
      50011,
      'invalid_request',
      `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${appId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
    ),
  idTokenNotEnabled: () =>
    new AadstsError(
      700054,
      'unsupported_response_type',
      "response_type 'id_token' is not enabled for the application.",
    ),
  unsupportedResponseType: (responseType: string) =>
    new AadstsError(
      70005,
      'unsupported_response_type',
      `The provided value for the input parameter 'response_type' is not allowed for this request. Expected values: 'code', 'id_token', 'code id_token'. Received: '${responseType}'.`,
    ),
  unsupportedResponseMode: (responseMode: string) =>
    new AadstsError(
      70007,
      'invalid_request',
      `The provided value for the input parameter 'response_mode' is not valid: '${responseMode}'. Expected 'query', 'fragment' or 'form_post'.`,
    ),
  queryModeWithIdToken: () =>
    new AadstsError(
      9002313,
      'invalid_request',
      "The response_mode 'query' is not allowed when the response_type contains 'id_token'. Use 'fragment' or 'form_post'.",
    ),
  unsupportedChallengeMethod: () =>
    new AadstsError(
      501491,
      'invalid_request',
      "Invalid size of Code_Challenge parameter, or 'code_challenge_method' is not 'S256' or 'plain'.",
    ),
  loginRequired: () =>
    new AadstsError(50058, 'login_required', 'A silent sign-in request was sent but no user is signed in.'),
  invalidPassword: () =>
    new AadstsError(
      50126,
      'invalid_grant',
      'Error validating credentials due to invalid username or password.',
    ),
  userNotFound: (userName: string, tenantName: string) =>
    new AadstsError(
      50034,
      'invalid_grant',
      `The user account ${userName} does not exist in the ${tenantName} directory. To sign into this application, the account must be added to the directory.`,
    ),
  userDisabled: () => new AadstsError(50057, 'invalid_grant', 'The user account is disabled.'),
  authorizationPending: () =>
    new AadstsError(
      70016,
      'authorization_pending',
      'OAuth 2.0 device flow error. Authorization is pending. Continue polling.',
    ),
  slowDown: () =>
    new AadstsError(
      70016,
      'slow_down',
      'OAuth 2.0 device flow error. Polling too fast: wait the interval the device code response gave before polling again.',
    ),
  deviceCodeExpired: () => new AadstsError(70019, 'expired_token', 'Verification code expired.'),
  deviceAuthorizationDeclined: () =>
    new AadstsError(70000, 'authorization_declined', 'The end user denied the authorization request.'),
  badVerificationCode: () =>
    new AadstsError(
      70018,
      'bad_verification_code',
      'Invalid verification code due to User typing in wrong user code for device code flow.',
    ),
};
