import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  secretMountedAt,
  ingressProblems,
  networkProblems,
  referencedSecrets,
  serviceProblems,
  workloadProblems,
} from './support/k8s-rules';
import { preparedDeployTree, render, schemaProblems, type K8sObject } from './support/kustomize';
import { WORKSPACE, deployableServices, readWorkspaceFile } from './support/workspace';

/**
 * Renders every overlay with `kubectl kustomize` and holds each object to the Kubernetes schemas
 * (kubernetes-models) and to our rules. ServiceMonitor and PrometheusRule are Prometheus Operator
 * resources with no schema in kubernetes-models: they get their own checks.
 */
describe('Kubernetes manifests (deploy/kubernetes)', () => {
  const services = deployableServices();
  let tree: string;
  const overlays: Record<string, K8sObject[]> = {};

  beforeAll(() => {
    tree = preparedDeployTree();
    for (const overlay of ['development', 'production']) {
      overlays[overlay] = render(join(tree, 'overlays', overlay));
    }
  });

  afterAll(() => {
    if (tree) rmSync(tree, { recursive: true, force: true });
  });

  describe.each(['development', 'production'])('the %s overlay', (overlay) => {
    const objects = () => overlays[overlay] as K8sObject[];

    it('renders objects that the Kubernetes schemas accept', () => {
      const standard = objects().filter((o) => !['ServiceMonitor', 'PrometheusRule'].includes(o.kind));
      expect(standard.length).toBeGreaterThan(30);
      expect(schemaProblems(standard)).toEqual([]);
      const namespaces = new Set(
        objects()
          .filter((o) => o.kind !== 'Namespace')
          .map((o) => o.metadata.namespace),
      );
      expect([...namespaces]).toEqual([overlay === 'production' ? 'archive365' : 'archive365-dev']);
    });

    it('keeps the workload rules: probes, resources, exact image tags, non-root, read-only root', () => {
      expect(workloadProblems(objects())).toEqual([]);
    });

    it('deploys every service with its probes, graceful termination, Service and disruption budget', () => {
      expect(serviceProblems(objects(), services)).toEqual([]);
    });

    it('lets only the ingress controller reach auth-gateway and admin-api, and the services only NATS and PostgreSQL', () => {
      expect(networkProblems(objects())).toEqual([]);
    });

    it('routes the public host to the sign-in paths and the admin host to the admin API, over TLS', () => {
      expect(ingressProblems(objects())).toEqual([]);
      const paths = objects()
        .filter((o) => o.kind === 'Ingress')
        .flatMap((o) => (o['spec'] as { rules: { http: { paths: { path: string }[] } }[] }).rules)
        .flatMap((r) => r.http.paths.map((p) => p.path))
        .sort();
      expect(paths).toEqual(['/[a-z0-9][a-z0-9-]*/oidc/.*', '/api']);
      expect(new RegExp(`^${paths[0] ?? ''}$`).test('/contoso/oidc/signin')).toBe(true);
      expect(new RegExp(`^${paths[0] ?? ''}$`).test('/metrics')).toBe(false);
    });

    it('has a ServiceMonitor that scrapes /metrics of every service', () => {
      const monitors = objects().filter((o) => o.kind === 'ServiceMonitor');
      expect(monitors).toHaveLength(1);
      const spec = monitors[0]?.['spec'] as {
        selector: { matchLabels: Record<string, string> };
        endpoints: { port: string; path: string }[];
      };
      expect(spec.endpoints).toEqual([expect.objectContaining({ port: 'http', path: '/metrics' })]);
      const scraped = objects().filter(
        (o) =>
          o.kind === 'Service' &&
          Object.entries(spec.selector.matchLabels).every(([k, v]) => o.metadata.labels?.[k] === v),
      );
      expect(scraped.map((s) => s.metadata.name).sort()).toEqual(services);
      for (const service of scraped) {
        expect((service['spec'] as { ports: { name: string }[] }).ports.map((p) => p.name)).toContain('http');
      }
    });

    it('has alert rules on metrics the services export', () => {
      const rules = objects().filter((o) => o.kind === 'PrometheusRule');
      expect(rules).toHaveLength(1);
      const exprs = (rules[0]?.['spec'] as { groups: { rules: { alert: string; expr: string }[] }[] }).groups
        .flatMap((g) => g.rules)
        .map((r) => r.expr);
      expect(exprs.length).toBeGreaterThanOrEqual(4);
      const metricsSection = readWorkspaceFile('README.md').split('## Metrics')[1] ?? '';
      for (const name of exprs.flatMap((e) => e.match(/archive365_[a-z_]+/g) ?? [])) {
        expect(metricsSection).toContain(`\`${name.replace(/_bucket$/, '')}\``);
      }
    });

    it('admits only the services to NATS, each with its own identity and generated permissions', () => {
      const config = objects().find(
        (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('nats-config'),
      );
      expect((config?.['data'] as Record<string, string>)['nats.conf']).toMatch(
        /^include auth\/auth\.conf$/m,
      );
      const nats = objects().find(
        (o) => o.kind === 'StatefulSet' && o.metadata.name === 'nats',
      ) as K8sObject & {
        spec: {
          template: {
            spec: Parameters<typeof secretMountedAt>[0] & {
              containers: Parameters<typeof secretMountedAt>[1][];
            };
          };
        };
      };
      const pod = nats.spec.template.spec;
      expect(secretMountedAt(pod, pod.containers[0] ?? {}, '/etc/nats/auth/auth.conf')).toMatch(
        /^nats-auth(-[a-z0-9]{10})?$/,
      );
      if (overlay === 'development') {
        const secret = objects().find((o) => o.kind === 'Secret' && o.metadata.name.startsWith('nats-auth'));
        const auth = Buffer.from(
          (secret?.['data'] as Record<string, string>)['auth.conf'] ?? '',
          'base64',
        ).toString();
        expect(auth.match(/nkey: "U[A-Z0-9]{55}"/g)).toHaveLength(services.length);
      }
    });

    it('runs NATS with JetStream', () => {
      const config = objects().find(
        (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('nats-config'),
      );
      expect((config?.['data'] as Record<string, string>)['nats.conf']).toMatch(
        /jetstream\s*\{[^}]*store_dir/,
      );
    });

    it('keeps as many copies of the event stream as the NATS servers allow, up to three', () => {
      const settings = objects().find(
        (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('archive365-config'),
      )?.['data'] as Record<string, string>;
      const nats = objects().find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'nats');
      const servers = (nats?.['spec'] as { replicas?: number }).replicas ?? 1;
      const copies = Number(settings['NATS_STREAM_REPLICAS'] ?? '1');
      expect({ servers, copies }).toEqual({ servers, copies: Math.min(servers, 3) });
      expect(servers).toBe(overlay === 'production' ? 3 : 1);
    });
  });

  it('generates the development secrets from files git ignores, and nothing else', () => {
    const objects = overlays['development'] as K8sObject[];
    const generated = objects
      .filter((o) => o.kind === 'Secret')
      .map((o) => o.metadata.name.replace(/-[a-z0-9]{10}$/, ''));
    const required = referencedSecrets(objects).filter((s) => !s.optional);
    expect(required.map((s) => s.name.replace(/-[a-z0-9]{10}$/, '')).sort()).toEqual(generated.sort());
    expect(required.map((s) => s.name)).toContain(
      objects.find((o) => o.kind === 'Secret' && o.metadata.name.startsWith('credentials-secrets'))?.metadata
        .name,
    );
    execFileSync(
      'git',
      ['check-ignore', '-q', 'deploy/kubernetes/overlays/development/secrets/credentials.env'],
      {
        cwd: WORKSPACE,
      },
    );
  });

  it('renders no Secret in production: every Secret it needs is named in the README for the operator to create', () => {
    const objects = overlays['production'] as K8sObject[];
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    const readme = readWorkspaceFile('README.md');
    const section = readme.slice(readme.indexOf('## Deploying on Kubernetes'));
    const tlsSecrets = objects
      .filter((o) => o.kind === 'Ingress')
      .flatMap((o) => (o['spec'] as { tls: { secretName: string }[] }).tls.map((t) => t.secretName));
    const needed = [...referencedSecrets(objects).map((s) => s.name), ...tlsSecrets];
    expect(needed.length).toBeGreaterThanOrEqual(services.length * 2);
    for (const name of needed) {
      expect({
        name,
        documented:
          section.includes(`\`${name.replace(/^[a-z-]+?-(nats|secrets)$/, '<service>-$1')}\``) ||
          section.includes(`\`${name}\``),
      }).toEqual({
        name,
        documented: true,
      });
    }
  });

  it('turns TLS on between the services and NATS in production', () => {
    const objects = overlays['production'] as K8sObject[];
    const config = objects.find(
      (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('archive365-config'),
    );
    expect((config?.['data'] as Record<string, string>)['NATS_URL']).toMatch(/^tls:\/\//);
    const nats = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('nats-config'));
    const conf = (nats?.['data'] as Record<string, string>)['nats.conf'];
    expect(conf).toMatch(/^tls \{[^}]*cert_file/m);
    expect(conf).toMatch(/cluster \{[\s\S]*tls \{/);
    const statefulSet = objects.find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'nats');
    expect((statefulSet?.['spec'] as { replicas: number }).replicas).toBe(3);
    // Every service checks the server's certificate against the CA mounted from nats-tls-ca.
    const caFile = (config?.['data'] as Record<string, string>)['NATS_TLS_CA_FILE'] ?? '';
    for (const deployment of objects.filter((o) => o.kind === 'Deployment')) {
      const pod = (
        deployment['spec'] as {
          template: {
            spec: Parameters<typeof secretMountedAt>[0] & {
              containers: Parameters<typeof secretMountedAt>[1][];
            };
          };
        }
      ).template.spec;
      expect(secretMountedAt(pod, pod.containers[0] ?? {}, caFile)).toBe('nats-tls-ca');
    }
  });

  it('commits no Secret object and no secret value under deploy/', () => {
    const files = listFiles(join(WORKSPACE, 'deploy')).filter((f) => !/\/secrets\//.test(f));
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect({ file, secret: /^kind:\s*Secret\s*$/m.test(text) }).toEqual({ file, secret: false });
      expect({ file, url: /postgres(ql)?:\/\/[^\s:@/]+:[^\s@]+@/.test(text) }).toEqual({ file, url: false });
    }
  });

  it('has README commands that match the manifests', () => {
    const readme = readWorkspaceFile('README.md');
    const section = readme.slice(readme.indexOf('## Deploying on Kubernetes'), readme.indexOf('## Metrics'));
    const commands = section
      .split('\n')
      .filter((line) => /^(kubectl|bash|for|docker)\b|^\s+(docker|--from)/.test(line));
    expect(commands.length).toBeGreaterThan(5);
    // Every overlay applied exists, and its namespace is the one the commands use.
    const applied = [...section.matchAll(/kubectl apply -k (deploy\/kubernetes\/overlays\/(\w+))/g)];
    expect(applied.map((m) => m[2]).sort()).toEqual(['development', 'production']);
    for (const line of commands.filter((l) => / -n /.test(l))) {
      const namespace = /-n (\S+)/.exec(line)?.[1];
      const overlay = namespace === 'archive365' ? 'production' : 'development';
      const objects = overlays[overlay] as K8sObject[];
      expect(objects.some((o) => o.kind === 'Namespace' && o.metadata.name === namespace)).toBe(true);
      const rollout = /rollout status deployment\/(\S+)/.exec(line)?.[1];
      if (rollout)
        expect(objects.some((o) => o.kind === 'Deployment' && o.metadata.name === rollout)).toBe(true);
      const forwarded = /port-forward svc\/(\S+) \d+:(\d+)/.exec(line);
      if (forwarded) {
        const service = objects.find((o) => o.kind === 'Service' && o.metadata.name === forwarded[1]);
        expect((service?.['spec'] as { ports: { port: number }[] }).ports.map((p) => p.port)).toContain(
          Number(forwarded[2]),
        );
      }
      const secret = /create secret generic (\S+)/.exec(line)?.[1];
      if (secret) expect(referencedSecrets(objects).map((r) => r.name)).toContain(secret);
    }
    // The secrets script writes where the development overlay's secretGenerator reads.
    const target = /bash docker\/make-secrets.sh (\S+)/.exec(section)?.[1];
    expect(target).toBe('deploy/kubernetes/overlays/development/secrets');
    expect(readWorkspaceFile('deploy/kubernetes/overlays/development/kustomization.yaml')).toContain(
      'envs: [secrets/credentials.env]',
    );
    // The images built are the images the overlays run.
    const built = /-t (ghcr\.io\/archive365)\/\$app:(\S+) /.exec(section);
    const images = (overlays['production'] as K8sObject[])
      .filter((o) => o.kind === 'Deployment')
      .map(
        (o) =>
          (o['spec'] as { template: { spec: { containers: { image: string }[] } } }).template.spec
            .containers[0]?.image,
      );
    for (const image of images) expect(image).toMatch(new RegExp(`^${built?.[1]}/[a-z-]+:${built?.[2]}$`));
  });

  it('catches manifests that break the rules', () => {
    const objects = structuredClone(overlays['production'] as K8sObject[]);
    const deployment = objects.find(
      (o) => o.kind === 'Deployment' && o.metadata.name === 'credentials',
    ) as K8sObject & {
      spec: {
        template: { spec: { terminationGracePeriodSeconds: number; containers: Record<string, unknown>[] } };
      };
    };
    const container = deployment.spec.template.spec.containers[0] as Record<string, unknown>;
    delete container['readinessProbe'];
    container['image'] = 'ghcr.io/archive365/credentials:latest';
    container['env'] = [{ name: 'DATABASE_URL', value: 'postgres://u:p@db/credentials' }];
    deployment.spec.template.spec.terminationGracePeriodSeconds = 60;
    const policy = objects.find(
      (o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'public-entry',
    ) as K8sObject & {
      spec: { podSelector: unknown };
    };
    policy.spec.podSelector = {};
    expect(workloadProblems(objects)).toEqual([
      'Deployment credentials container credentials: no readiness probe',
      'Deployment credentials container credentials: image ghcr.io/archive365/credentials:latest has no exact tag',
      'Deployment credentials container credentials: DATABASE_URL has a plain value; reference a Secret',
    ]);
    expect(serviceProblems(objects, services)).toEqual([
      'credentials: readiness is not /health/ready',
      'credentials: terminationGracePeriodSeconds 60 does not match preStop 3 s + SHUTDOWN_TIMEOUT_MS 10 s',
      'credentials: NATS_NKEY_SEED_FILE is not its credentials-nats Secret',
    ]);
    expect(networkProblems(objects)).toEqual(
      expect.arrayContaining(['NetworkPolicy public-entry lets ingress-nginx reach credentials']),
    );
  });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
