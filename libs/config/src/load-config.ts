import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { ConfigError, type ConfigProblem } from './config-error';
import { secretKeysOf } from './secret.decorator';

export type Environment = Record<string, string | undefined>;

/**
 * Builds a typed configuration from environment variables. A config class names its fields exactly as
 * the variables (`NATS_URL`), gives defaults as field initialisers, and validates with class-validator;
 * `@Type`/`@Transform` convert strings. Empty strings count as unset so that `FOO=` falls back to the default.
 */
export function loadConfig<T extends object>(service: string, ConfigClass: new () => T, env: Environment): T {
  const defined = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const config = plainToInstance(ConfigClass, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: true, stopAtFirstError: true });
  if (errors.length > 0) {
    throw new ConfigError(service, toProblems(errors, secretKeysOf(config)));
  }
  return config;
}

/**
 * The configuration as it may be logged: secrets replaced by a marker saying whether they are set,
 * and credentials inside URLs (`nats://user:pass@host`) blanked.
 */
export function describeConfig(config: object): Record<string, unknown> {
  const secrets = secretKeysOf(config);
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [
      key,
      secrets.has(key)
        ? value
          ? '<set>'
          : '<unset>'
        : typeof value === 'string'
          ? withoutUrlCredentials(value)
          : value,
    ]),
  );
}

function withoutUrlCredentials(value: string): string {
  return value.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s,]+@/gi, '$1***@');
}

function quotesValue(reasons: string[], value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0) return false;
  // Fragments long enough to be key material; short ones (key ids, host names) may be named.
  const fragments = value.split(/[,:@/]/).filter((part) => part.length >= 12);
  return reasons.some((reason) => reason.includes(value) || fragments.some((part) => reason.includes(part)));
}

function toProblems(errors: ValidationError[], secrets: Set<string>): ConfigProblem[] {
  return errors.map((error) => {
    const reasons = Object.values(error.constraints ?? {});
    // A secret's value must never appear in output: a message that quotes it is replaced.
    const quotesSecret = secrets.has(error.property) && quotesValue(reasons, error.value);
    const reason = quotesSecret
      ? 'is missing or invalid (value not shown: it is a secret)'
      : reasons.join('; ');
    return { variable: error.property, reason: reason || 'is invalid' };
  });
}
