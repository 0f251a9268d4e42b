import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '@archive365/config';
import { CredentialsConfig } from '../src/config';

/** The README shows what an administrator sees; these checks keep it true to the code. */
describe('the README example messages', () => {
  const readme = readFileSync(resolve(__dirname, '../../../README.md'), 'utf8');

  it('shows the configuration error exactly as the credentials service prints it', () => {
    const shown = /exits at once with, for example:\n\n```\n([\s\S]+?)\n```/.exec(readme)?.[1];
    expect(shown).toBeDefined();
    let printed = '';
    try {
      loadConfig('credentials', CredentialsConfig, { NATS_URL: 'localhost:4222' });
    } catch (error) {
      printed = (error as Error).message;
    }
    expect(printed).toBe(shown);
  });
});
