import { parse } from 'yaml';
import { isPinnedImage, parseDockerfile, type Stage } from './dockerfile';

/**
 * The rules of our image recipe, as a list of problems (empty when it keeps them all): pinned Node 24
 * base images, a numeric non-root user, only production dependencies and the bundle in the final
 * stage, and a health check.
 */
export function dockerfileProblems(text: string): string[] {
  const problems: string[] = [];
  const { stages } = parseDockerfile(text);
  const runtime = stages.at(-1);
  if (!runtime || stages.length < 2)
    return ['a multi-stage build is expected (build stages and a runtime stage)'];
  const stage = (name: string | undefined) => stages.find((s) => s.name !== undefined && s.name === name);
  const of = (s: Stage, keyword: string) => s.instructions.filter((i) => i.keyword === keyword);

  for (const s of stages.filter((s) => !stage(s.from))) {
    if (!/^node:24[.-]/.test(s.image))
      problems.push(`stage ${s.name ?? '(final)'} is not built from node:24: ${s.image}`);
    if (!isPinnedImage(s.image))
      problems.push(`base image ${s.image} is not pinned to an exact version or digest`);
  }

  const users = of(runtime, 'USER');
  const [user = '', group = user] = (users.at(-1)?.args ?? '').split(':');
  if (!/^\d+$/.test(user) || Number(user) === 0 || !/^\d+$/.test(group) || Number(group) === 0) {
    problems.push(
      'the final stage must switch to a numeric non-root USER (runAsNonRoot can only verify a number)',
    );
  }
  const lastUser = runtime.instructions.map((i) => i.keyword).lastIndexOf('USER');
  if (lastUser >= 0 && runtime.instructions.slice(lastUser).some((i) => i.keyword === 'RUN')) {
    problems.push('RUN after USER in the final stage');
  }

  const runs = of(runtime, 'RUN')
    .map((i) => i.args)
    .join(' ');
  if (/npm (ci|install)|apt-get install/.test(runs)) {
    problems.push('the final stage installs packages itself; copy production dependencies from a stage');
  }
  const copies = of(runtime, 'COPY').map((i) => i.args);
  const fromStage = (c: string) => /--from=(\S+)/.exec(c)?.[1];
  for (const copy of copies.filter((c) => /node_modules/.test(c))) {
    const source = stage(fromStage(copy));
    const installs = source
      ? of(source, 'RUN')
          .map((i) => i.args)
          .filter((a) => /npm (ci|install)/.test(a))
      : [];
    if (installs.length === 0 || installs.some((install) => !/--omit=dev/.test(install))) {
      problems.push(`node_modules come from a stage that installs development dependencies: ${copy}`);
    }
  }
  if (!copies.some((c) => /node_modules/.test(c)))
    problems.push('the final stage has no production dependencies');
  for (const copy of copies.filter((c) => fromStage(c) && !/node_modules/.test(c))) {
    if (!/\/dist\//.test(copy)) problems.push(`the final stage copies more than the built app: ${copy}`);
  }

  const health = of(runtime, 'HEALTHCHECK');
  if (health.length !== 1 || /^NONE/i.test(health[0]?.args ?? ''))
    problems.push('the final stage has no HEALTHCHECK');
  return problems;
}

interface ComposeService {
  image?: string;
  build?: { args?: Record<string, string> };
  healthcheck?: { test?: string[] | string; disable?: boolean };
  depends_on?: Record<string, { condition?: string }> | string[];
  environment?: Record<string, string> | string[];
  env_file?: string[];
  read_only?: boolean;
  secrets?: (string | { source: string; target?: string })[];
}

const SECRET_NAME = /PASSWORD|SECRET|MASTER_KEY|TOKEN|DATABASE_URL|PRIVATE/;

/**
 * The rules of the single-host compose file: every service of the platform present and built from the
 * one Dockerfile, a health check on every container, the services started after NATS and PostgreSQL
 * are healthy, infrastructure images pinned, and no secret value in the file.
 */
export function composeProblems(text: string, apps: string[]): string[] {
  const problems: string[] = [];
  const services =
    (parse(text, { merge: true }) as { services?: Record<string, ComposeService> }).services ?? {};
  for (const app of apps) {
    const service = services[app];
    if (!service) {
      problems.push(`service ${app} is missing`);
      continue;
    }
    if (service.build?.args?.['APP'] !== app)
      problems.push(`${app} is not built with --build-arg APP=${app}`);
    // Its own bus identity: the seed file mounted as a secret where NATS_NKEY_SEED_FILE points.
    const seedFile = (Array.isArray(service.environment) ? {} : (service.environment ?? {}))[
      'NATS_NKEY_SEED_FILE'
    ];
    const targets = (service.secrets ?? []).map((secret) =>
      typeof secret === 'string'
        ? `/run/secrets/${secret}`
        : `/run/secrets/${secret.target ?? secret.source}`,
    );
    if (!seedFile || !targets.includes(seedFile))
      problems.push(`${app} has no NATS identity mounted at NATS_NKEY_SEED_FILE`);
    const depends = Array.isArray(service.depends_on) ? {} : (service.depends_on ?? {});
    for (const infra of ['nats', 'postgres']) {
      if (depends[infra]?.condition !== 'service_healthy') {
        problems.push(`${app} does not wait for ${infra} to be healthy`);
      }
    }
  }
  for (const [name, service] of Object.entries(services)) {
    const test = service.healthcheck?.test;
    if (service.healthcheck?.disable || !test || test.length === 0)
      problems.push(`${name} has no health check`);
    if (!apps.includes(name) && !isPinnedImage(service.image ?? ''))
      problems.push(`${name} image is not pinned`);
    const environment = Array.isArray(service.environment)
      ? Object.fromEntries(service.environment.map((e) => e.split('=', 2)))
      : (service.environment ?? {});
    for (const [key, value] of Object.entries(environment)) {
      if (SECRET_NAME.test(key) && !key.endsWith('_FILE'))
        problems.push(`${name} has the secret ${key} in the file`);
      if (/:\/\/[^/\s@]*:[^@\s]+@/.test(String(value)))
        problems.push(`${name} has a password in the URL of ${key}`);
    }
    for (const file of service.env_file ?? []) {
      if (!file.startsWith('./secrets/'))
        problems.push(`${name} reads ${file}, outside the ignored secrets folder`);
    }
  }
  return problems;
}
