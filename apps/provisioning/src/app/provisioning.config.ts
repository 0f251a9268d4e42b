import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUrl, IsUUID, Max, Min } from 'class-validator';
import { ServiceBaseConfig } from '@archive365/config';

/** Microsoft Graph Command Line Tools: Microsoft's public client, present in every tenant. */
const GRAPH_COMMAND_LINE_TOOLS = '14d82eec-204b-4c2f-b7e8-296a70dab67e';

/** Configuration of the provisioning service (environment variables, see the README). */
export class ProvisioningConfig extends ServiceBaseConfig {
  /** Where the administrator signs in and tokens come from (the emulator's URL in development). */
  @IsUrl(
    { protocols: ['https'], require_protocol: true, require_tld: false },
    { message: 'must be an https:// URL (MSAL refuses http authorities)' },
  )
  ENTRA_AUTHORITY_HOST = 'https://login.microsoftonline.com';

  /** Microsoft Graph, without `/v1.0` (the emulator's URL in development). */
  @IsUrl(
    { protocols: ['https'], require_protocol: true, require_tld: false },
    { message: 'must be an https:// URL, e.g. https://graph.microsoft.com' },
  )
  GRAPH_BASE_URL = 'https://graph.microsoft.com';

  /** Exchange Online, for the legacy EWS check (the emulator's URL in development). */
  @IsUrl(
    { protocols: ['https'], require_protocol: true, require_tld: false },
    { message: 'must be an https:// URL, e.g. https://outlook.office365.com' },
  )
  EXCHANGE_BASE_URL = 'https://outlook.office365.com';

  /** PEM file of an extra certificate authority trusted for the authority and Graph (the emulator's CA). */
  @IsOptional()
  @IsString()
  ENTRA_CA_FILE?: string;

  /**
   * The public client the customer's administrator signs in to with the device code flow. Default:
   * Microsoft Graph Command Line Tools, which exists in every tenant, so nothing must be registered first.
   */
  @IsUUID('all', { message: 'must be an application (client) ID (GUID)' })
  SETUP_CLIENT_ID = GRAPH_COMMAND_LINE_TOOLS;

  /** Display name of the app registrations the automatic setup creates (the alias is appended). */
  @IsString()
  APP_DISPLAY_NAME = 'Email archive';

  /** How long a replica holds a setup or renewal before another may take it over, in ms. */
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(600_000)
  LEASE_TTL_MS = 30_000;

  /**
   * How long a new certificate or permission may take to work after it was written: Entra ID replicates
   * changes within minutes, so the first token request may fail meanwhile.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(900_000)
  PROPAGATION_WAIT_MS = 180_000;

  /** Renew certificates on their app registration when `credential.expiring` (60 days) arrives. */
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  RENEWAL_AUTOMATIC = true;

  /** How often unfinished renewals are looked for and resumed (after a crash or restart), in ms. */
  @Type(() => Number)
  @IsInt()
  @Min(500)
  RENEWAL_SWEEP_INTERVAL_MS = 60_000;

  /**
   * Which provider-level credential (the provider's multi-tenant app) consent links use. Needed only
   * when there is more than one; otherwise the one the credentials service holds is used.
   */
  @IsOptional()
  @IsUUID('all', { message: 'must be the id (GUID) of the provider-level credential' })
  PROVIDER_CREDENTIAL_ID?: string;

  /** Where Microsoft sends the administrator back after admin consent (served by the admin API). */
  @IsOptional()
  @IsUrl(
    { protocols: ['https'], require_protocol: true, require_tld: false },
    { message: 'must be the https:// URL of the consent return page' },
  )
  CONSENT_REDIRECT_URI?: string;
}

export const PROVISIONING_CONFIG = Symbol('PROVISIONING_CONFIG');
