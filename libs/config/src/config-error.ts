export interface ConfigProblem {
  /** The environment variable at fault. */
  variable: string;
  reason: string;
}

/** Thrown at startup when the environment does not describe a valid configuration. */
export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: ConfigProblem[],
  ) {
    super(
      `Invalid configuration for ${service}:\n` +
        problems.map((p) => `  ${p.variable}: ${p.reason}`).join('\n') +
        '\nSet these environment variables (see the configuration reference in the README) and start again.',
    );
    this.name = 'ConfigError';
  }
}
