import { IsInt, Matches, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { ConfigError } from './config-error';
import { describeConfig, loadConfig } from './load-config';
import { Secret } from './secret.decorator';
import { ServiceBaseConfig } from './service-base.config';

class ExampleConfig extends ServiceBaseConfig {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  WORKERS = 4;

  @Secret()
  @Min(100)
  @Type(() => Number)
  PIN = 1234;
}

class QuotingConfig {
  @Secret()
  @Matches(/^tok_/, { message: 'TOKEN "$value" must start with tok_' })
  TOKEN = 'tok_default';
}

class KeyListConfig {
  @Secret()
  @Matches(/^[a-z0-9]+:[A-Za-z0-9+/=]{44}$/, { message: 'key "k2026a" is too short' })
  KEYS = '';
}

describe('loadConfig', () => {
  it('applies defaults and converts numbers', () => {
    const config = loadConfig('example', ExampleConfig, { WORKERS: '8' });
    expect(config.WORKERS).toBe(8);
    expect(config.NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig('example', ExampleConfig, { WORKERS: '' }).WORKERS).toBe(4);
  });

  it('names every bad variable and the reason', () => {
    const error = captureError(() =>
      loadConfig('example', ExampleConfig, { NATS_URL: 'http://x', WORKERS: '0' }),
    );
    expect(error.problems.map((p) => p.variable).sort()).toEqual(['NATS_URL', 'WORKERS']);
    expect(error.message).toContain('Invalid configuration for example');
    expect(error.message).toMatch(/NATS_URL: must be one or more nats:\/\//);
  });

  it('never echoes a secret value', () => {
    const error = captureError(() =>
      loadConfig('example', ExampleConfig, { DATABASE_URL: 'mysql://user:hunter2@db', PIN: '7' }),
    );
    expect(error.message).not.toContain('hunter2');
    expect(error.message).toContain('DATABASE_URL: must be a postgres:// URL');
    expect(error.message).toContain('PIN: PIN must not be less than 100');
  });

  it('replaces a validator message that would quote a secret', () => {
    const error = captureError(() => loadConfig('example', QuotingConfig, { TOKEN: 'sk-live-abcdef' }));
    expect(error.message).toContain('TOKEN: is missing or invalid (value not shown: it is a secret)');
    expect(error.message).not.toContain('abcdef');
  });

  it('shows a validator message that names a short id but not the secret', () => {
    const error = captureError(() => loadConfig('example', KeyListConfig, { KEYS: 'k2026a:c2hvcnQ=' }));
    expect(error.message).toContain('KEYS: key "k2026a" is too short');
  });

  it('keeps one copy of the event stream unless told, and accepts 1 to 5 copies', () => {
    expect(loadConfig('example', ExampleConfig, {}).NATS_STREAM_REPLICAS).toBe(1);
    expect(loadConfig('example', ExampleConfig, { NATS_STREAM_REPLICAS: '3' }).NATS_STREAM_REPLICAS).toBe(3);
    expect(loadConfig('example', ExampleConfig, { NATS_STREAM_REPLICAS: '5' }).NATS_STREAM_REPLICAS).toBe(5);
  });

  it('refuses a stream replica count JetStream cannot keep, saying what fits', () => {
    const problems = (value: string) =>
      captureError(() => loadConfig('example', ExampleConfig, { NATS_STREAM_REPLICAS: value })).problems.map(
        (p) => `${p.variable}: ${p.reason}`,
      );
    expect(problems('0')).toEqual(['NATS_STREAM_REPLICAS: must be at least 1 (one copy of each event)']);
    expect(problems('6')).toEqual([
      'NATS_STREAM_REPLICAS: must be at most 5 (the most JetStream replicates a stream)',
    ]);
    expect(problems('three')).toEqual([
      'NATS_STREAM_REPLICAS: must be a whole number of stream copies, 1 to 5',
    ]);
    expect(problems('2.5')).toEqual([
      'NATS_STREAM_REPLICAS: must be a whole number of stream copies, 1 to 5',
    ]);
  });

  it('blanks credentials inside URLs when describing the configuration', () => {
    const config = loadConfig('example', ExampleConfig, {
      NATS_URL: 'nats://app:s3cret-pass@nats-1:4222,nats://token123@nats-2:4222',
    });
    expect(describeConfig(config)['NATS_URL']).toBe('nats://***@nats-1:4222,nats://***@nats-2:4222');
  });

  it('redacts secrets when describing the configuration', () => {
    const config = loadConfig('example', ExampleConfig, { DATABASE_URL: 'postgres://u:hunter2@db/x' });
    const described = describeConfig(config);
    expect(described['DATABASE_URL']).toBe('<set>');
    expect(described['PIN']).toBe('<set>');
    expect(JSON.stringify(described)).not.toContain('hunter2');
  });
});

function captureError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
