import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeProblems, dockerfileProblems } from './support/docker-rules';
import { WORKSPACE, deployableServices, readWorkspaceFile } from './support/workspace';

/**
 * No Docker engine runs where the tests run, so the image recipe and the compose file are held to
 * their rules by reading them (support/docker-rules.ts says which).
 */
describe('docker/Dockerfile', () => {
  it('keeps the image rules', () => {
    expect(dockerfileProblems(readWorkspaceFile('docker/Dockerfile'))).toEqual([]);
    expect(readWorkspaceFile('docker/healthcheck.js')).toContain('/health/ready');
  });

  it('ships the web console in the admin API image, where the API serves it from', () => {
    const recipe = readWorkspaceFile('docker/Dockerfile').replace(/\\\r?\n/g, ' ');
    // Built in the build stage for the admin API only, staged as dist/apps/console under the image's
    // working directory (the API resolves CONSOLE_DIR from there), and copied into the runtime stage.
    expect(recipe).toMatch(
      /if \[ "\$\{APP\}" = "admin-api" \]; then\s+npx nx run console:build[^;]*cp -r dist\/apps\/console dist\/image-extras\/dist\/apps\//,
    );
    expect(recipe).toMatch(/^COPY --from=build \/workspace\/dist\/image-extras\/ \.\/$/m);
    expect(readWorkspaceFile('apps/admin-api/src/console/serve-console.ts')).toContain(
      "resolve('dist/apps/console')",
    );
  });

  it('catches a recipe that breaks them', () => {
    const bad = [
      'FROM node:24-slim AS build',
      'RUN npm ci',
      'FROM node:latest',
      'COPY --from=build /workspace/node_modules ./node_modules',
      'COPY --from=build /workspace ./',
      'USER node',
    ].join('\n');
    expect(dockerfileProblems(bad)).toEqual([
      'base image node:24-slim is not pinned to an exact version or digest',
      'stage (final) is not built from node:24: node:latest',
      'base image node:latest is not pinned to an exact version or digest',
      'the final stage must switch to a numeric non-root USER (runAsNonRoot can only verify a number)',
      'node_modules come from a stage that installs development dependencies: --from=build /workspace/node_modules ./node_modules',
      'the final stage copies more than the built app: --from=build /workspace ./',
      'the final stage has no HEALTHCHECK',
    ]);
  });
});

describe('docker/compose.yaml', () => {
  const apps = deployableServices();

  it('keeps the compose rules for every service of the platform', () => {
    expect(apps).toEqual(expect.arrayContaining(['admin-api', 'auth-gateway', 'credentials']));
    expect(composeProblems(readWorkspaceFile('docker/compose.yaml'), apps)).toEqual([]);
    expect(readWorkspaceFile('.gitignore')).toContain('docker/secrets/');
    expect(readWorkspaceFile('.dockerignore')).toContain('docker/secrets');
  });

  it('has a secrets script that writes every file the compose file reads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archive365-compose-secrets-'));
    try {
      execFileSync('bash', [join(WORKSPACE, 'docker/make-secrets.sh'), dir], { stdio: 'pipe' });
      const compose = readWorkspaceFile('docker/compose.yaml');
      const files = [...compose.matchAll(/\.\/secrets\/([\w./-]+)/g)].map((m) => m[1] ?? '');
      expect(files.length).toBeGreaterThanOrEqual(apps.length * 2 + 2);
      for (const file of files)
        expect({ file, exists: existsSync(join(dir, file)) }).toEqual({ file, exists: true });
      expect(readFileSync(join(dir, 'credentials.env'), 'utf8')).toMatch(
        /^CREDENTIALS_MASTER_KEYS=k1:\S{44}$/m,
      );
      // NATS admits exactly the services' identities, each with the permissions from the contracts.
      const auth = readFileSync(join(dir, 'nats-auth.conf'), 'utf8');
      expect(auth.match(/nkey: "U[A-Z0-9]{55}"/g)).toHaveLength(apps.length);
      expect(readWorkspaceFile('docker/nats.conf')).toMatch(/^include auth\.conf$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('catches a compose file that breaks them', () => {
    const bad = [
      'services:',
      '  nats: { image: "nats:latest" }',
      '  credentials:',
      '    build: { args: { APP: credentials } }',
      '    depends_on: [nats]',
      '    environment: { DATABASE_URL: "postgres://u:hunter2@db/x" }',
    ].join('\n');
    expect(composeProblems(bad, ['credentials', 'admin-api'])).toEqual([
      'credentials has no NATS identity mounted at NATS_NKEY_SEED_FILE',
      'credentials does not wait for nats to be healthy',
      'credentials does not wait for postgres to be healthy',
      'service admin-api is missing',
      'nats has no health check',
      'nats image is not pinned',
      'credentials has no health check',
      'credentials has the secret DATABASE_URL in the file',
      'credentials has a password in the URL of DATABASE_URL',
    ]);
  });
});
