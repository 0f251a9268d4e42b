import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { ServiceBaseConfig } from '@archive365/config';

/** Configuration of the directory-sync service (environment variables, see the README). */
export class DirectorySyncConfig extends ServiceBaseConfig {
  /** Microsoft Graph, without `/v1.0` (the emulator's URL in development and tests). */
  @IsUrl(
    { protocols: ['https'], require_protocol: true, require_tld: false },
    { message: 'must be an https:// URL, e.g. https://graph.microsoft.com' },
  )
  GRAPH_BASE_URL = 'https://graph.microsoft.com';

  /** PEM file of an extra certificate authority Graph calls trust (the emulator's local CA). */
  @IsOptional()
  @IsString()
  GRAPH_CA_FILE?: string;

  /** Graph's identity budget per app and tenant (8,000 resource units per 10 s above 500 users). */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of resource units' })
  @Min(100)
  @Max(100_000)
  GRAPH_RESOURCE_UNITS_PER_10S = 8000;

  /** Retries of one Graph request (429, 5xx, cut connection) before the run counts as incomplete. */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(20)
  GRAPH_MAX_RETRIES = 6;

  /** Longest single wait between retries, whatever Retry-After says (a run must end some day). */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(0)
  @Max(600_000)
  GRAPH_MAX_BACKOFF_MS = 60_000;

  /** How often the scheduler looks for instances whose automatic run is due. */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(100)
  @Max(3_600_000)
  SYNC_SCHEDULER_TICK_MS = 30_000;

  /** A run's hold on its instance; renewed while it runs, taken over by another replica once expired. */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(1000)
  @Max(3_600_000)
  SYNC_LEASE_MS = 60_000;
}

/** Injection token of the validated configuration. */
export const DIRECTORY_SYNC_CONFIG = Symbol('DIRECTORY_SYNC_CONFIG');
