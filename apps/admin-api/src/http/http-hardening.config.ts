import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { ServiceBaseConfig } from '@archive365/config';

/** The admin API's HTTP exposure: where it listens and how much one client may ask. */
export class HttpHardeningConfig extends ServiceBaseConfig {
  /**
   * Loopback by default: the API has no authentication of its own yet, so reaching it from another
   * host must be a deliberate choice (HTTP_HOST=0.0.0.0 behind an authenticating proxy).
   */
  @IsString()
  override HTTP_HOST = '127.0.0.1';

  /** Requests one client (IP address) may make per minute before it gets 429. */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of requests per minute' })
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PER_MINUTE = 600;
}
