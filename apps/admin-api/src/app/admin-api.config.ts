import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { HttpHardeningConfig } from '../http/http-hardening.config';

/** Configuration of the admin API (environment variables, see the README). */
export class AdminApiConfig extends HttpHardeningConfig {
  /** How long `GET /api/health/all` waits for each service's status reply. */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(100)
  @Max(30000)
  STATUS_TIMEOUT_MS = 2000;
}
