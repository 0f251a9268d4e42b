#!/usr/bin/env node
// Runs the emulator's TypeScript entry point directly (no build step) through tsx's loaders: the
// sources compile as CommonJS, so both the CommonJS and the ESM hooks are registered.
import { register as registerCommonJs } from 'tsx/cjs/api';
import { register as registerEsm } from 'tsx/esm/api';

registerCommonJs();
registerEsm();
await import('../src/main.ts');
