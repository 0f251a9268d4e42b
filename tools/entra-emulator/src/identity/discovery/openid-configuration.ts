import { v2Issuer } from '../../issued-tokens/issuers';

/**
 * The v2.0 discovery document, shaped like https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration.
 * For a tenant, every endpoint carries the tenant id (also when asked by domain), and the issuer is
 * `https://{host}/{tid}/v2.0`; for `common`/`organizations` the issuer holds the literal `{tenantid}`
 * placeholder and `tenant_region_scope` is null, as at Microsoft.
 */
export function openIdConfiguration(
  origin: string,
  tenantPathSegment: string,
  issuerTenant: string,
  tenantRegionScope: string | null,
) {
  const base = `${origin}/${tenantPathSegment}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: v2Issuer(origin, issuerTenant),
    request_uri_parameter_supported: false,
    // Microsoft's userinfo endpoint is served by Graph; here the same host serves both.
    userinfo_endpoint: `${origin}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: [
      'sub',
      'iss',
      'cloud_instance_name',
      'cloud_instance_host_name',
      'cloud_graph_host_name',
      'msgraph_host',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'acr',
      'nonce',
      'preferred_username',
      'name',
      'tid',
      'ver',
      'at_hash',
      'c_hash',
      'email',
    ],
    kerberos_endpoint: `${base}/kerberos`,
    // A tenant's region (from its organization's countryLetterCode); null for common/organizations.
    tenant_region_scope: tenantRegionScope,
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  };
}
