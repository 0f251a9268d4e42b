import { CliUsageError, parseCliOptions } from './cli-options';

describe('parseCliOptions', () => {
  it('defaults to port 8443 on loopback', () => {
    expect(parseCliOptions([])).toEqual({
      port: 8443,
      host: '127.0.0.1',
      fixturePath: undefined,
      generate: undefined,
      stateDir: undefined,
      hostnames: [],
    });
  });

  it('reads a generated tenant, state dir and repeated host names', () => {
    const options = parseCliOptions([
      '--port',
      '0',
      '--generate',
      '500',
      '--seed',
      's1',
      '--state-dir',
      '/tmp/x',
      '--hostname',
      'emulator',
      '--hostname',
      'login.test',
    ]);
    expect(options).toMatchObject({
      port: 0,
      generate: { users: 500, seed: 's1' },
      stateDir: '/tmp/x',
      hostnames: ['emulator', 'login.test'],
    });
  });

  it.each([
    [['--port', 'abc'], /--port must be a whole number/],
    [['--port', '70000'], /--port must be a whole number/],
    [['--generate', '0'], /--generate needs a positive number/],
    [['--fixture', 'a.json', '--generate', '5'], /either --fixture or --generate/],
    [['--unknown'], /Unknown option '--unknown'/],
  ])('rejects %j with a message saying what to fix', (argv, message) => {
    expect(() => parseCliOptions(argv)).toThrow(CliUsageError);
    expect(() => parseCliOptions(argv)).toThrow(message);
  });
});
