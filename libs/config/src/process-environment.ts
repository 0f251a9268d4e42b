import type { Environment } from './load-config';

/** The process's environment: the one read of `process.env`, so that nothing reads around the validator. */
export function processEnvironment(): Environment {
  return process.env;
}
