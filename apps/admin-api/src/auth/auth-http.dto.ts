import { IsOptional, Matches, MaxLength } from 'class-validator';

export class SignInQuery {
  /** Where to go after signing in: a path of this site only (never another site: no open redirect). */
  @IsOptional()
  @MaxLength(500)
  @Matches(/^\/(?![/\\])[^\s]*$/, {
    message: 'returnTo must be a path on this site, starting with a single /',
  })
  returnTo?: string;
}

export class SignInCallbackQuery {
  @IsOptional()
  @MaxLength(4096)
  code?: string;

  @IsOptional()
  @MaxLength(200)
  state?: string;

  @IsOptional()
  @MaxLength(200)
  error?: string;

  @IsOptional()
  @MaxLength(4096)
  error_description?: string;

  @IsOptional()
  @MaxLength(200)
  session_state?: string;
}

export interface WhoAmI {
  kind: 'token' | 'session' | 'bootstrap';
  name: string;
  instances: string[] | null;
}

export interface SignedOut {
  /** Whether a session was ended (an API token's caller has none). */
  signedOut: boolean;
}
