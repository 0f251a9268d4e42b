import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUrl, IsUUID, Matches, Max, MinLength, Min } from 'class-validator';
import { Secret } from '@archive365/config';
import { HttpHardeningConfig } from '../http/http-hardening.config';

/** Configuration of the admin API (environment variables, see the README). */
export class AdminApiConfig extends HttpHardeningConfig {
  /** How long `GET /api/health/all` waits for each service's status reply. */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(100)
  @Max(30000)
  STATUS_TIMEOUT_MS = 2000;

  /**
   * A token with access to every instance, for the first steps and for automation before anyone signed
   * in (e.g. creating API tokens). Unset: only API tokens and signed-in administrators get in.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters (e.g. `openssl rand -base64 32`)' })
  @Secret()
  ADMIN_BOOTSTRAP_TOKEN?: string;

  /** Object id (`oid`) of the first administrator in the provider's tenant, allowed to sign in at once. */
  @IsOptional()
  @IsUUID('all', { message: "must be the administrator's object id (a GUID) in the provider's tenant" })
  ADMIN_BOOTSTRAP_ADMIN_OID?: string;

  /** Where administrators sign in: Microsoft's login host (the emulator's URL in development). */
  @IsUrl(
    { protocols: ['https'], require_protocol: true, require_tld: false },
    { message: 'must be an https:// URL, e.g. https://login.microsoftonline.com' },
  )
  ADMIN_OIDC_AUTHORITY = 'https://login.microsoftonline.com';

  /** The provider's own tenant (GUID): only its users can be administrators. Unset: no Microsoft sign-in. */
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: "must be the provider's directory (tenant) ID, a GUID",
  })
  ADMIN_OIDC_TENANT_ID?: string;

  /** Application (client) ID of the admin console's app registration in the provider's tenant. */
  @IsOptional()
  @IsUUID('all', { message: 'must be the application (client) ID, a GUID' })
  ADMIN_OIDC_CLIENT_ID?: string;

  /** Client secret of that app registration. */
  @IsOptional()
  @IsString()
  @Secret()
  ADMIN_OIDC_CLIENT_SECRET?: string;

  /** PEM of an extra CA the sign-in trusts (the emulator's `emulator-ca.pem`). */
  @IsOptional()
  @IsString()
  ADMIN_OIDC_CA_FILE?: string;

  /** Base URL browsers reach the admin API at; the redirect URI is `<this>/api/auth/callback`. */
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'must be the http(s) URL browsers reach the admin API at, e.g. https://admin.example.net' },
  )
  ADMIN_PUBLIC_URL = 'http://127.0.0.1:3100';

  /** How long an administrator's session lasts after signing in. */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of hours' })
  @Min(1)
  @Max(24)
  ADMIN_SESSION_HOURS = 8;
}

/** The sign-in settings when Microsoft sign-in is configured (tenant and client both set). */
export function adminSignInOf(config: AdminApiConfig) {
  if (!config.ADMIN_OIDC_TENANT_ID || !config.ADMIN_OIDC_CLIENT_ID) return undefined;
  return {
    authority: config.ADMIN_OIDC_AUTHORITY.replace(/\/+$/, ''),
    tenantId: config.ADMIN_OIDC_TENANT_ID.toLowerCase(),
    clientId: config.ADMIN_OIDC_CLIENT_ID,
    clientSecret: config.ADMIN_OIDC_CLIENT_SECRET,
    caFile: config.ADMIN_OIDC_CA_FILE,
    redirectUri: `${config.ADMIN_PUBLIC_URL.replace(/\/+$/, '')}/api/auth/callback`,
  };
}
