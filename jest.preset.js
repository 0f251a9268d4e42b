// Shared Jest settings: swc with legacy decorators and decorator metadata (NestJS and TypeORM
// dependency injection needs the metadata), and the ESM-only OIDC packages transformed for CommonJS.
const { pathsToModuleNameMapper } = require('./tools/jest/paths');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2023',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(openid-client|jose|oauth4webapi)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(),
  testMatch: ['**/?(*.)+(spec|int-spec|e2e-spec).ts'],
  setupFiles: ['reflect-metadata'],
  // Integration tests boot services (up to ten, each with its own NATS identity) and generate RSA keys
  // (a 3072-bit key takes seconds on 2 cores): generous on a busy machine, never reached when all is well.
  testTimeout: 120000,
};
