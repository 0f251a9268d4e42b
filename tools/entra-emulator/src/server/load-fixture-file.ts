import { readFileSync } from 'node:fs';
import type { EmulatorFixture } from '../fixture/fixture.types';
import { CliUsageError } from './cli-options';

/** Reads a fixture file, with an error that says which file and what is wrong with it. */
export function loadFixtureFile(path: string): EmulatorFixture {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(
      `Cannot read the fixture file '${path}': ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliUsageError(
      `The fixture file '${path}' is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    !Array.isArray((parsed as { tenants?: unknown }).tenants)
  ) {
    throw new CliUsageError(
      `The fixture file '${path}' must be an object with a "tenants" array (see src/fixture/fixture.types.ts).`,
    );
  }
  return parsed as EmulatorFixture;
}
