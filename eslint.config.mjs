import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

// Module boundaries (DESIGN.md section 5.5): apps import libs, libs never import apps, `contracts`
// depends on nothing of ours, and test-only code (harness, emulator) is reachable from tests alone.
const boundaries = (extra) => [
  'error',
  {
    enforceBuildableLibDependency: true,
    allow: [],
    depConstraints: [
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
      // The web console runs in the browser: it reaches the services through its generated API client only.
      { sourceTag: 'type:web', onlyDependOnLibsWithTags: [] },
      { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:contracts', 'type:lib'] },
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:lib', ...extra] },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:lib', 'type:tool'] },
      { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:contracts', 'type:lib', 'type:tool'] },
      {
        sourceTag: 'type:e2e',
        onlyDependOnLibsWithTags: ['type:contracts', 'type:lib', 'type:testing', 'type:tool'],
      },
      {
        sourceTag: 'type:bench',
        onlyDependOnLibsWithTags: ['type:contracts', 'type:lib', 'type:tool', 'type:testing'],
      },
    ],
  },
];

const testFiles = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'];

// No focused or skipped tests: a test that does not run proves nothing (and `.only` hides the rest).
const jestGlobals = ['describe', 'it', 'test'];
const focusedOrSkipped = jestGlobals.flatMap((object) =>
  ['only', 'skip'].map((property) => ({
    object,
    property,
    message: `${object}.${property} leaves tests out; run one file with \`npx jest <file>\` instead.`,
  })),
);
const processEnv = {
  object: 'process',
  property: 'env',
  message: 'Read configuration through a validated config class (libs/config) only.',
};

// DESIGN.md 5.11: a table has one owner, its repository; nothing else holds a data source or manager.
const dataAccess = {
  paths: [
    {
      name: 'typeorm',
      importNames: ['DataSource', 'EntityManager', 'Repository', 'QueryRunner'],
      message: 'Only a repository (*.repository.ts) touches the database; call one of its methods.',
    },
    {
      name: '@nestjs/typeorm',
      importNames: ['InjectDataSource', 'InjectRepository', 'InjectEntityManager'],
      message: 'Only a repository (*.repository.ts) touches the database; call one of its methods.',
    },
  ],
};

export default [
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/coverage',
      '**/.nx',
      '**/webpack.config.js',
      '**/jest.config.ts',
      'jest.preset.js',
      'tools/jest/**',
      '**/*.mjs',
      // Written by `nx run console:generate-client` from the admin API's OpenAPI document.
      'apps/console/src/api/generated/**',
    ],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@nx/enforce-module-boundaries': boundaries([]),
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', processEnv],
      'no-restricted-globals': ['error', 'fit', 'fdescribe', 'xit', 'xdescribe', 'xtest'],
      'no-restricted-imports': ['error', dataAccess],
    },
  },
  {
    // The persistence layer: repositories (and stores) own tables, migrations change them, the
    // database library provides them. A service's data-access files live in one of these places.
    files: [
      '**/*.repository.ts',
      '**/*.store.ts',
      '**/store/**/*.ts',
      '**/persistence/**/*.ts',
      '**/storage/**/*.ts',
      'apps/*/src/database/**/*.ts',
      '**/migrations/**/*.ts',
      '**/*.migration.ts',
      'libs/database/src/**/*.ts',
    ],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: testFiles,
    rules: {
      '@nx/enforce-module-boundaries': boundaries(['type:testing', 'type:tool']),
      'no-restricted-properties': ['error', processEnv, ...focusedOrSkipped],
      // Tests may read the tables directly to check what was stored.
      'no-restricted-imports': 'off',
    },
  },
  {
    // System tests compose the real apps in one process: the one place allowed to import apps.
    files: ['tools/system-tests/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    // The config loaders are the one place that reads the environment.
    files: ['libs/config/src/**/*.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The demo runs its walk-through with tsx, which must not load the decorated config classes that
    // processEnvironment() comes with: it reads its two URLs and NO_COLOR itself.
    files: ['tools/demo/**/*.ts'],
    rules: { 'no-restricted-properties': ['error', ...focusedOrSkipped] },
  },
  prettier,
];
