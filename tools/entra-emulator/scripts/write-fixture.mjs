#!/usr/bin/env node
// Writes a generated tenant as fixture JSON:
//   node tools/entra-emulator/scripts/write-fixture.mjs --out tenants.json --users 5000 --seed demo
import { register as registerCommonJs } from 'tsx/cjs/api';
import { register as registerEsm } from 'tsx/esm/api';

registerCommonJs();
registerEsm();
const { runWriteFixtureCli } = await import('../src/fixture/write-fixture-cli.ts');
process.exitCode = await runWriteFixtureCli(process.argv.slice(2));
