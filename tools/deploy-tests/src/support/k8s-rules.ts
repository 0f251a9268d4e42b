import type { K8sObject } from './kustomize';

/* Loose shapes of what the rules read; the schemas check the rest. */
interface Probe {
  httpGet?: { path?: string; port?: string | number };
  exec?: { command?: string[] };
}
interface Container {
  name: string;
  image?: string;
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string } } }[];
  envFrom?: { secretRef?: { name: string; optional?: boolean }; configMapRef?: { name: string } }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    runAsNonRoot?: boolean;
  };
  lifecycle?: { preStop?: { sleep?: { seconds?: number } } };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  terminationGracePeriodSeconds?: number;
  volumes?: { name?: string; secret?: { secretName: string } }[];
}
interface Workload extends K8sObject {
  spec: {
    selector?: { matchLabels?: Record<string, string> };
    template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
  };
}
interface PeerSelector {
  podSelector?: unknown;
  namespaceSelector?: { matchLabels?: Record<string, string> };
  ipBlock?: { cidr: string };
}
interface Policy extends K8sObject {
  spec: {
    podSelector: {
      matchLabels?: Record<string, string>;
      matchExpressions?: { key: string; operator: string; values: string[] }[];
    };
    policyTypes?: string[];
    ingress?: { from?: PeerSelector[]; ports?: { port?: number | string }[] }[];
    egress?: { to?: PeerSelector[]; ports?: { port?: number | string }[] }[];
  };
}

const WORKLOADS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];
const SECRET_NAME = /PASSWORD|SECRET|MASTER_KEY|TOKEN|DATABASE_URL|PRIVATE|CREDENTIALS?$/;
/** Who may be reached from outside the namespace (through the ingress controller). */
export const PUBLIC_SERVICES = ['auth-gateway', 'admin-api'];
export const MONITORING_NAMESPACE = 'monitoring';

const byKind = <T extends K8sObject>(objects: K8sObject[], kind: string) =>
  objects.filter((o) => o.kind === kind) as T[];
const where = (o: K8sObject) => `${o.kind} ${o.metadata.name}`;

function containersOf(workload: Workload): Container[] {
  const spec = workload.spec.template.spec;
  return [...spec.containers, ...(spec.initContainers ?? [])];
}

/** An exact tag or a digest: never `latest`, never no tag at all. */
export function isPinnedReference(image: string): boolean {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const tag = /:([^/:@]+)$/.exec(image)?.[1];
  return tag !== undefined && tag !== 'latest' && /\d/.test(tag);
}

/** Rules every workload keeps: probes, resources, pinned images, non-root, read-only root, no plain secrets. */
export function workloadProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const workload of objects.filter((o) => WORKLOADS.includes(o.kind)) as Workload[]) {
    const pod = workload.spec.template.spec;
    if (pod.securityContext?.runAsNonRoot !== true)
      problems.push(`${where(workload)}: runAsNonRoot is not set`);
    for (const container of containersOf(workload)) {
      const at = `${where(workload)} container ${container.name}`;
      if (!container.livenessProbe) problems.push(`${at}: no liveness probe`);
      if (!container.readinessProbe) problems.push(`${at}: no readiness probe`);
      if (!isPinnedReference(container.image ?? ''))
        problems.push(`${at}: image ${container.image} has no exact tag`);
      for (const kind of ['requests', 'limits'] as const) {
        for (const resource of ['cpu', 'memory']) {
          if (!container.resources?.[kind]?.[resource]) problems.push(`${at}: no ${resource} ${kind}`);
        }
      }
      if (container.securityContext?.readOnlyRootFilesystem !== true)
        problems.push(`${at}: root filesystem is writable`);
      if (container.securityContext?.allowPrivilegeEscalation !== false)
        problems.push(`${at}: privilege escalation allowed`);
      for (const variable of container.env ?? []) {
        if (
          SECRET_NAME.test(variable.name) &&
          variable.value !== undefined &&
          !variable.name.endsWith('_FILE')
        ) {
          problems.push(`${at}: ${variable.name} has a plain value; reference a Secret`);
        }
      }
    }
  }
  for (const map of byKind<K8sObject & { data?: Record<string, string> }>(objects, 'ConfigMap')) {
    for (const key of Object.keys(map.data ?? {})) {
      if (SECRET_NAME.test(key)) problems.push(`${where(map)}: ${key} belongs in a Secret`);
    }
  }
  return problems;
}

/** What each of our services must have: its probes, graceful termination, a Service and a disruption budget. */
export function serviceProblems(objects: K8sObject[], services: string[]): string[] {
  const problems: string[] = [];
  const config = byKind<K8sObject & { data?: Record<string, string> }>(objects, 'ConfigMap').find((c) =>
    c.metadata.name.startsWith('archive365-config'),
  );
  const shutdownSeconds = Number(config?.data?.['SHUTDOWN_TIMEOUT_MS'] ?? NaN) / 1000;
  if (!Number.isFinite(shutdownSeconds)) problems.push('archive365-config has no SHUTDOWN_TIMEOUT_MS');
  const deployments = byKind<Workload>(objects, 'Deployment');
  for (const name of services) {
    const deployment = deployments.find((d) => d.metadata.name === name);
    if (!deployment) {
      problems.push(`no Deployment for ${name}`);
      continue;
    }
    const pod = deployment.spec.template.spec;
    const container = pod.containers[0] as Container;
    if (container.livenessProbe?.httpGet?.path !== '/health/live')
      problems.push(`${name}: liveness is not /health/live`);
    if (container.readinessProbe?.httpGet?.path !== '/health/ready')
      problems.push(`${name}: readiness is not /health/ready`);
    const preStop = container.lifecycle?.preStop?.sleep?.seconds ?? 0;
    const grace = pod.terminationGracePeriodSeconds ?? 30;
    if (grace < preStop + shutdownSeconds || grace > preStop + shutdownSeconds + 5) {
      problems.push(
        `${name}: terminationGracePeriodSeconds ${grace} does not match preStop ${preStop} s + SHUTDOWN_TIMEOUT_MS ${shutdownSeconds} s`,
      );
    }
    // Its bus identity: NATS_NKEY_SEED_FILE points into a mounted volume of its own <service>-nats Secret.
    const seedFile = container.env?.find((e) => e.name === 'NATS_NKEY_SEED_FILE')?.value;
    const identity = seedFile
      ? secretMountedAt(pod, container, seedFile)?.replace(/-[a-z0-9]{10}$/, '')
      : undefined;
    if (identity !== `${name}-nats`) {
      problems.push(`${name}: NATS_NKEY_SEED_FILE is not its ${name}-nats Secret`);
    }
    const labels = deployment.spec.template.metadata.labels;
    const selects = (selector?: Record<string, string>) =>
      !!selector &&
      Object.keys(selector).length > 0 &&
      Object.entries(selector).every(([k, v]) => labels[k] === v);
    if (
      !byKind<K8sObject & { spec: { selector?: Record<string, string> } }>(objects, 'Service').some((s) =>
        selects(s.spec.selector),
      )
    ) {
      problems.push(`${name}: no Service selects it`);
    }
    if (
      !byKind<K8sObject & { spec: { selector?: { matchLabels?: Record<string, string> } } }>(
        objects,
        'PodDisruptionBudget',
      ).some((p) => selects(p.spec.selector?.matchLabels))
    ) {
      problems.push(`${name}: no PodDisruptionBudget covers it`);
    }
  }
  for (const name of ['auth-gateway', 'directory-sync']) {
    const hpa = byKind<K8sObject & { spec: { scaleTargetRef: { kind: string; name: string } } }>(
      objects,
      'HorizontalPodAutoscaler',
    ).find((h) => h.spec.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === name);
    if (!hpa) problems.push(`no HorizontalPodAutoscaler for ${name}`);
  }
  return problems;
}

/**
 * The network rules: every pod under a default deny; from outside the namespace, only the ingress
 * controller into the public services and Prometheus into the metrics and monitoring ports.
 */
export function networkProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const policies = byKind<Policy>(objects, 'NetworkPolicy');
  const denyAll = policies.find(
    (p) =>
      Object.keys(p.spec.podSelector).length === 0 &&
      ['Ingress', 'Egress'].every((t) => p.spec.policyTypes?.includes(t)) &&
      !p.spec.ingress?.length &&
      !p.spec.egress?.length,
  );
  if (!denyAll) problems.push('no default-deny NetworkPolicy for ingress and egress');
  const workloads = objects.filter((o) => WORKLOADS.includes(o.kind)) as Workload[];
  for (const policy of policies) {
    const selected = workloads.filter((w) =>
      selectsPod(policy.spec.podSelector, w.spec.template.metadata.labels),
    );
    for (const rule of policy.spec.ingress ?? []) {
      const outside = (rule.from ?? [{ ipBlock: { cidr: '0.0.0.0/0' } }]).filter(
        (peer) => peer.namespaceSelector || peer.ipBlock,
      );
      for (const peer of outside) {
        const namespace = peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'];
        const monitoring =
          namespace === MONITORING_NAMESPACE &&
          (rule.ports ?? []).every((p) => [8080, 8222].includes(Number(p.port)));
        if (monitoring) continue;
        for (const workload of selected) {
          const name =
            workload.spec.template.metadata.labels['app.kubernetes.io/name'] ?? workload.metadata.name;
          if (!PUBLIC_SERVICES.includes(name)) {
            problems.push(
              `${where(policy)} lets ${namespace ?? peer.ipBlock?.cidr ?? 'anyone'} reach ${name}`,
            );
          }
        }
      }
    }
    for (const rule of policy.spec.egress ?? []) {
      const ports = (rule.ports ?? []).map((p) => Number(p.port));
      if (ports.length === 0) problems.push(`${where(policy)} allows egress on every port`);
      const allowed = [53, 4222, 5432, 6222, 443];
      for (const port of ports.filter((p) => !allowed.includes(p)))
        problems.push(`${where(policy)} allows egress on port ${port}`);
    }
  }
  return problems;
}

function selectsPod(selector: Policy['spec']['podSelector'], labels: Record<string, string>): boolean {
  const matchLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const expressions = (selector.matchExpressions ?? []).every((e) =>
    e.operator === 'In'
      ? e.values.includes(labels[e.key] ?? '')
      : e.operator === 'NotIn'
        ? !e.values.includes(labels[e.key] ?? '')
        : true,
  );
  return matchLabels && expressions;
}

/** Ingress reaches only the public services, through Services that exist. */
export function ingressProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const services = byKind(objects, 'Service').map((s) => s.metadata.name);
  type Rule = { host?: string; http?: { paths: { path: string; backend: { service: { name: string } } }[] } };
  for (const ingress of byKind<K8sObject & { spec: { rules?: Rule[]; tls?: unknown[] } }>(
    objects,
    'Ingress',
  )) {
    if (!ingress.spec.tls?.length) problems.push(`${where(ingress)} has no TLS`);
    for (const path of (ingress.spec.rules ?? []).flatMap((r) => r.http?.paths ?? [])) {
      const backend = path.backend.service.name;
      if (!services.includes(backend))
        problems.push(`${where(ingress)} routes ${path.path} to a missing Service ${backend}`);
      if (!PUBLIC_SERVICES.includes(backend)) problems.push(`${where(ingress)} exposes ${backend}`);
    }
  }
  return problems;
}

/** Every Secret a workload needs, and whether the render generates it (else it must exist beforehand). */
export function referencedSecrets(objects: K8sObject[]): { name: string; optional: boolean }[] {
  const found = new Map<string, boolean>();
  for (const workload of objects.filter((o) => WORKLOADS.includes(o.kind)) as Workload[]) {
    for (const container of containersOf(workload)) {
      for (const source of container.envFrom ?? []) {
        if (source.secretRef)
          found.set(
            source.secretRef.name,
            source.secretRef.optional === true && (found.get(source.secretRef.name) ?? true),
          );
      }
      for (const variable of container.env ?? []) {
        const ref = variable.valueFrom?.secretKeyRef;
        if (ref) found.set(ref.name, false);
      }
    }
    for (const volume of workload.spec.template.spec.volumes ?? []) {
      if (volume.secret) found.set(volume.secret.secretName, false);
    }
  }
  return [...found]
    .map(([name, optional]) => ({ name, optional }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The Secret whose volume is mounted where `path` lies in this container, if any. */
export function secretMountedAt(
  pod: { volumes?: { name?: string; secret?: { secretName: string } }[] },
  container: { volumeMounts?: { name: string; mountPath: string }[] },
  path: string,
): string | undefined {
  // The deepest mount wins (/etc/nats/auth inside /etc/nats).
  const mount = (container.volumeMounts ?? [])
    .filter((m) => path.startsWith(`${m.mountPath.replace(/\/$/, '')}/`))
    .sort((a, b) => b.mountPath.length - a.mountPath.length)[0];
  return pod.volumes?.find((v) => v.name === mount?.name)?.secret?.secretName;
}
