import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  Validate,
  type ValidationArguments,
  type ValidatorConstraintInterface,
  ValidatorConstraint,
} from 'class-validator';
import { Secret, ServiceBaseConfig } from '@archive365/config';
import { parseMasterKeys } from '../key-vault';

@ValidatorConstraint({ name: 'masterKeys' })
class MasterKeysFormat implements ValidatorConstraintInterface {
  private problem = '';

  validate(value: unknown): boolean {
    // Unset is reported once, as required (by IsString), not as a malformed list.
    if (value === undefined) return true;
    try {
      parseMasterKeys(String(value));
      return true;
    } catch (error) {
      // The parser's messages name the entry and key id, never the key material.
      this.problem = error instanceof Error ? error.message : 'is invalid';
      return false;
    }
  }

  defaultMessage(): string {
    return `${this.problem} Expected id:base64-of-32-bytes[,id:base64...] (make one with: openssl rand -base64 32)`;
  }
}

@ValidatorConstraint({ name: 'activeMasterKey' })
class ActiveMasterKeyListed implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const { CREDENTIALS_MASTER_KEYS } = args.object as CredentialsConfig;
    try {
      return parseMasterKeys(String(CREDENTIALS_MASTER_KEYS ?? '')).some((key) => key.id === value);
    } catch {
      // The list itself is reported under CREDENTIALS_MASTER_KEYS.
      return true;
    }
  }

  defaultMessage(args: ValidationArguments): string {
    return `names master key "${String(args.value)}", which is not among the ids in CREDENTIALS_MASTER_KEYS; use one of those ids, or leave it unset to use the first listed`;
  }
}

/** Configuration of the credentials service (environment variables, see the README). */
export class CredentialsConfig extends ServiceBaseConfig {
  /**
   * Master keys that seal private keys at rest, `id:base64(32 bytes)` separated by commas. Keep old
   * keys listed after a rotation until the service has rewrapped everything (it does so at start-up).
   */
  @Secret()
  @IsString({ message: 'is required: the master keys that encrypt private keys at rest' })
  @Validate(MasterKeysFormat)
  CREDENTIALS_MASTER_KEYS!: string;

  /** Id of the master key new secrets are sealed with; defaults to the first listed. */
  @IsOptional()
  @IsString()
  @Validate(ActiveMasterKeyListed)
  CREDENTIALS_ACTIVE_MASTER_KEY?: string;

  /** Where app tokens come from: Microsoft's, or the emulator's URL in development and tests. */
  @IsUrl(
    { protocols: ['https'], require_protocol: true, require_tld: false },
    { message: 'must be an https:// URL (MSAL refuses http authorities)' },
  )
  ENTRA_AUTHORITY_HOST = 'https://login.microsoftonline.com';

  /** PEM file of an extra certificate authority to trust for the authority (the emulator's local CA). */
  @IsOptional()
  @IsString()
  ENTRA_CA_FILE?: string;

  /** Scope of the token request that proves a new certificate during rotation. */
  @IsString()
  PROOF_SCOPE = 'https://graph.microsoft.com/.default';

  /** A cached token is renewed this many seconds before it expires (MSAL's own margin is 300). */
  @Type(() => Number)
  @IsInt()
  @Min(30)
  @Max(1800)
  TOKEN_REFRESH_MARGIN_SECONDS = 300;

  /** How often certificate expiry is checked for the 60/30/7-day notices. */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  EXPIRY_CHECK_INTERVAL_MS = 3_600_000;

  /** How long decoding an imported key may take before the import is refused (a hostile file). */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(120_000)
  IMPORT_DECODING_TIMEOUT_MS = 10_000;

  /**
   * Days a retired certificate's sealed private key is kept (to undo a retirement by mistake), after
   * which it is erased; the public certificate and its history stay.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  RETIRED_KEY_GRACE_DAYS = 30;
}

export const CREDENTIALS_CONFIG = Symbol('CREDENTIALS_CONFIG');
