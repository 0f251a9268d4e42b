import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { ServiceBaseConfig } from '@archive365/config';

const seconds = (min: number, max: number) => [
  Type(() => Number),
  IsInt({ message: 'must be a whole number of seconds' }),
  Min(min, { message: `must be at least ${min} seconds` }),
  Max(max, { message: `must be at most ${max} seconds` }),
];

function Seconds(min: number, max: number): PropertyDecorator {
  return (target, key) => seconds(min, max).forEach((decorate) => decorate(target, key));
}

/** Configuration of the auth-gateway service (environment variables, see the README). */
export class AuthGatewayConfig extends ServiceBaseConfig {
  /** Where users sign in: Microsoft's, or the emulator's URL in development and tests. */
  @IsUrl(
    { protocols: ['https'], require_protocol: true, require_tld: false },
    { message: 'must be an https:// URL, e.g. https://login.microsoftonline.com' },
  )
  ENTRA_AUTHORITY_HOST = 'https://login.microsoftonline.com';

  /** PEM file of an extra certificate authority to trust for the authority (the emulator's local CA). */
  @IsOptional()
  @IsString()
  ENTRA_CA_FILE?: string;

  /** How long a started sign-in (state, nonce, PKCE verifier) may take before it is refused. */
  @Seconds(60, 3600)
  SIGN_IN_TIMEOUT_SECONDS = 600;

  /** Clock skew accepted on exp, nbf and iat (Microsoft's libraries allow 5 minutes; we allow less). */
  @Seconds(0, 300)
  CLOCK_SKEW_SECONDS = 60;

  /** The least time between two fetches of a tenant's signing keys (an unknown kid triggers one). */
  @Seconds(1, 3600)
  JWKS_REFRESH_MIN_INTERVAL_SECONDS = 30;

  /** How long an instance's sign-in settings, credential and discovery document are reused. */
  @Seconds(1, 3600)
  INSTANCE_CACHE_SECONDS = 60;

  /**
   * How long directory sync's "yes, this user may sign in" is reused for the same user (0: ask every
   * time). Refusals are never reused. A user disabled by a sync run is refused on every replica at most
   * this long after the run commits; sessions already issued live far longer (see the TTLs below).
   */
  @Seconds(0, 60)
  SIGN_IN_CHECK_CACHE_SECONDS = 10;

  /** Lifetime of the archive token handed to the add-in and other archive components. */
  @Seconds(60, 3600)
  ARCHIVE_TOKEN_TTL_SECONDS = 900;

  /** Lifetime of a browser's cookie session. */
  @Seconds(300, 86400)
  BROWSER_SESSION_TTL_SECONDS = 28800;

  /** Each replica signs with a fresh key pair, rotated this often; public keys stay published after. */
  @Seconds(300, 7 * 86400)
  SESSION_KEY_ROTATION_SECONDS = 86400;

  /** Requests per minute per client address on the sign-in endpoints (login, callback, exchange). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  SIGN_IN_RATE_LIMIT_PER_MINUTE = 60;

  /**
   * Which proxies may set X-Forwarded-For (Express `trust proxy`): `loopback`, a CIDR list, or a hop
   * count. The client address it yields keys the rate limits.
   */
  @IsString()
  TRUST_PROXY = 'loopback';

  /** The delegated scope the Outlook add-in requests for our API (`api://{appId}/<scope>`). */
  @IsString()
  ADDIN_API_SCOPE = 'access_as_user';
}

export const AUTH_GATEWAY_CONFIG = Symbol('AUTH_GATEWAY_CONFIG');
