import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { envSchema } from '@imr/config';
import { WORKER_STAGES } from '@imr/contracts';
import * as keda from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { apps, policy, v1 } from 'kubernetes-models';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const K8S = fileURLToPath(new URL('../../infra/k8s/', import.meta.url));
/** The template of the Secret operators create: parsed and checked, never applied. */
const SECRET_TEMPLATE = 'secret.example.yaml';

interface Doc {
  file: string;
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: manifests are free-form until validated
  [field: string]: any;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [relative(K8S, path)] : [];
  });
}

/** Every document of every manifest file, parsed strictly (a YAML error fails here). */
const docs: Doc[] = yamlFiles(K8S).flatMap((file) =>
  parseAllDocuments(readFileSync(join(K8S, file), 'utf8'))
    .map((d) => {
      if (d.errors.length) throw new Error(`${file}: ${d.errors.map((e) => e.message).join('; ')}`);
      return d.toJS();
    })
    .filter((d) => d !== null)
    .map((d) => ({ file, ...d })),
);
const of = (kind: string) => docs.filter((d) => d.kind === kind);
const deployments = of('Deployment');
const config: Record<string, string> = of('ConfigMap').find((d) => d.metadata.name === 'imr-config')?.data;

/** The model class of each apiVersion and kind the manifests use. */
const MODELS: Record<string, Record<string, unknown>> = {
  v1: v1 as never,
  'apps/v1': apps.v1 as never,
  'policy/v1': policy.v1 as never,
  'keda.sh/v1alpha1': keda as never,
};

const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);
const podLabels = (d: Doc): Record<string, string> => d.spec.template.metadata.labels;
// biome-ignore lint/suspicious/noExplicitAny: container specs as parsed
const containers = (d: Doc): any[] => d.spec.template.spec.containers;

describe('Kubernetes manifests (infra/k8s)', () => {
  it('parse, and each document validates against its Kubernetes or KEDA schema', () => {
    expect(deployments.length).toBeGreaterThan(0);
    for (const doc of docs) {
      if (doc.apiVersion === 'kustomize.config.k8s.io/v1beta1') continue; // checked below
      const Model = MODELS[doc.apiVersion]?.[doc.kind] as
        | (new (
            d: unknown,
          ) => { validate(): void })
        | undefined;
      expect(Model, `${doc.file}: no model for ${doc.apiVersion} ${doc.kind}`).toBeTypeOf('function');
      const { file, ...manifest } = doc;
      expect(
        () => new (Model as NonNullable<typeof Model>)(manifest).validate(),
        `${file} ${doc.kind}`,
      ).not.toThrow();
    }
  });

  it('the kustomizations name files that exist, and every manifest but the Secret template is in one', () => {
    const referenced = new Set<string>();
    for (const k of docs.filter((d) => d.kind === 'Kustomization')) {
      const base = dirname(k.file);
      for (const resource of k.resources as string[]) {
        const path = join(base, resource);
        expect(existsSync(join(K8S, path)), `${k.file}: ${resource}`).toBe(true);
        if (statSync(join(K8S, path)).isDirectory()) {
          expect(existsSync(join(K8S, path, 'kustomization.yaml')), `${k.file}: ${resource}`).toBe(true);
          referenced.add(join(path, 'kustomization.yaml'));
        } else referenced.add(path);
      }
    }
    const unreferenced = yamlFiles(K8S).filter(
      (f) => f !== 'kustomization.yaml' && f !== SECRET_TEMPLATE && !referenced.has(f),
    );
    // trigger-sqs is the alternative to trigger-http: a commented line of the top kustomization.
    expect(unreferenced).toEqual(['trigger-sqs/kustomization.yaml']);
    expect(readFileSync(join(K8S, 'kustomization.yaml'), 'utf8')).toMatch(/^ {2}# - trigger-sqs$/m);
  });

  it('every container has liveness (/healthz) and readiness (/readyz) probes on a port it declares', () => {
    for (const d of deployments) {
      for (const c of containers(d)) {
        const where = `${d.file} ${c.name}`;
        const ports = (c.ports ?? []) as { name?: string; containerPort: number }[];
        const declared = (port: string | number) =>
          ports.some((p) => p.name === port || p.containerPort === port);
        expect(c.livenessProbe?.httpGet?.path, where).toBe('/healthz');
        expect(c.readinessProbe?.httpGet?.path, where).toBe('/readyz');
        for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe].filter(Boolean)) {
          expect(declared(probe.httpGet.port), `${where}: probe port ${probe.httpGet.port}`).toBe(true);
        }
        // A worker's probes are served on IMR_HTTP_PORT: the port it declares must be that one.
        const httpPort = (c.env ?? []).find((e: { name: string }) => e.name === 'IMR_HTTP_PORT')?.value;
        const port = (c.env ?? []).find((e: { name: string }) => e.name === 'PORT')?.value;
        const served = Number(httpPort ?? port);
        expect(served, `${where}: IMR_HTTP_PORT or PORT`).toBeGreaterThan(0);
        expect(
          ports.map((p) => p.containerPort),
          where,
        ).toContain(served);
      }
    }
  });

  it('gives every pod longer to stop than the drain deadline in the ConfigMap', () => {
    const drainMs = Number(config.IMR_DRAIN_TIMEOUT_MS);
    expect(drainMs).toBeGreaterThan(0);
    for (const d of deployments) {
      const grace = d.spec.template.spec.terminationGracePeriodSeconds;
      expect(grace * 1000, `${d.file}: terminationGracePeriodSeconds`).toBeGreaterThan(drainMs);
    }
  });

  it('runs every container as non-root on a read-only root filesystem, with no capabilities and bounded memory', () => {
    for (const d of deployments) {
      const pod = d.spec.template.spec;
      expect(pod.securityContext?.runAsNonRoot, d.file).toBe(true);
      expect(pod.securityContext?.runAsUser, d.file).toBeGreaterThan(0);
      for (const c of containers(d)) {
        const where = `${d.file} ${c.name}`;
        expect(c.securityContext, where).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(c.resources?.requests?.cpu, where).toBeTruthy();
        expect(c.resources?.requests?.memory, where).toBeTruthy();
        expect(c.resources?.limits?.memory, where).toBeTruthy();
        expect(c.image, where).toMatch(/^imr-pipeline:\d/);
        // tsx writes its cache to /tmp: it must be writable.
        const tmp = (c.volumeMounts ?? []).find((m: { mountPath: string }) => m.mountPath === '/tmp');
        expect(tmp, `${where}: /tmp`).toBeTruthy();
        expect(pod.volumes.find((v: { name: string }) => v.name === tmp.name)?.emptyDir, where).toBeTruthy();
      }
    }
  });

  it('has a PodDisruptionBudget for every Deployment, and Services that select pods and name their ports', () => {
    const pdbs = of('PodDisruptionBudget');
    for (const d of deployments) {
      expect(
        pdbs.filter((p) => matches(p.spec.selector.matchLabels, podLabels(d))),
        `${d.metadata.name}: PodDisruptionBudget`,
      ).toHaveLength(1);
    }
    for (const s of of('Service')) {
      const selected = deployments.filter((d) => matches(s.spec.selector, podLabels(d)));
      expect(selected.length, `${s.metadata.name} selects no pods`).toBeGreaterThan(0);
      for (const d of selected) {
        for (const p of s.spec.ports) {
          const declared = containers(d).some((c) =>
            (c.ports ?? []).some((cp: { name?: string }) => cp.name === p.targetPort),
          );
          expect(declared, `${s.metadata.name} -> ${d.metadata.name}: ${p.targetPort}`).toBe(true);
        }
      }
    }
  });

  it('scales each stage with one ScaledObject on its BullMQ wait list, through the Redis TriggerAuthentication', () => {
    const prefix = config.IMR_QUEUE_PREFIX ?? 'imr';
    const auths = new Set(of('TriggerAuthentication').map((a) => a.metadata.name));
    const scaled = of('ScaledObject');
    const stagesScaled: string[] = [];
    for (const so of scaled) {
      const target = deployments.find((d) => d.metadata.name === so.spec.scaleTargetRef.name);
      expect(target, `${so.metadata.name}: no Deployment ${so.spec.scaleTargetRef.name}`).toBeTruthy();
      const stage = WORKER_STAGES.find((s) =>
        containers(target as Doc).some((c) => c.args?.includes(`services/${s}/src/main.ts`)),
      );
      expect(stage, `${so.metadata.name}: its Deployment runs no stage`).toBeTruthy();
      stagesScaled.push(stage as string);
      expect(so.spec.triggers).toHaveLength(1);
      const [trigger] = so.spec.triggers;
      expect(trigger.type).toBe('redis');
      expect(trigger.metadata.listName).toBe(`${prefix}:${stage}:wait`);
      expect(Number(trigger.metadata.listLength)).toBeGreaterThan(0);
      expect(auths.has(trigger.authenticationRef?.name), `${so.metadata.name}: authenticationRef`).toBe(true);
      expect(so.spec.minReplicaCount).toBeGreaterThanOrEqual(0);
      expect(so.spec.minReplicaCount).toBeLessThanOrEqual(1);
      expect(so.spec.maxReplicaCount).toBeGreaterThan(so.spec.minReplicaCount);
      // KEDA owns the replica count: a Deployment that sets one would be reset on every apply.
      expect((target as Doc).spec.replicas, `${target?.metadata.name}: replicas`).toBeUndefined();
    }
    expect(stagesScaled.sort()).toEqual([...WORKER_STAGES].sort());
  });

  it('commits no secret values: the Secret template is empty, and secrets reach containers only from it', () => {
    const secrets = of('Secret');
    expect(secrets.map((s) => s.file)).toEqual([SECRET_TEMPLATE]);
    const [template] = secrets;
    expect(template?.data).toBeUndefined();
    const keys = Object.keys(template?.stringData ?? {});
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(template?.stringData[key], `stringData.${key}`).toBe('');

    const secretNamed = /TOKEN|SECRET|PASSWORD|_URL$|ACCESS_KEY/;
    for (const d of deployments) {
      for (const c of containers(d)) {
        for (const e of c.env ?? []) {
          if (e.valueFrom?.secretKeyRef) {
            expect(e.valueFrom.secretKeyRef.name).toBe(template?.metadata.name);
            expect(keys, `${d.file}: ${e.name}`).toContain(e.valueFrom.secretKeyRef.key);
          } else if (e.name !== 'IMR_SQS_QUEUE_URL') {
            expect(e.name, `${d.file}: ${e.name} is a secret written as a value`).not.toMatch(secretNamed);
          }
        }
      }
    }
    for (const key of Object.keys(config)) expect(key, `ConfigMap ${key}`).not.toMatch(secretNamed);
    for (const auth of of('TriggerAuthentication')) {
      for (const ref of auth.spec.secretTargetRef) {
        expect(ref.name).toBe(template?.metadata.name);
        expect(keys, `${auth.file}: ${ref.key}`).toContain(ref.key);
      }
    }
  });

  it('names only environment variables the configuration knows', () => {
    const known = new Set(Object.keys(envSchema.shape));
    const named = new Set<string>(Object.keys(config));
    for (const d of deployments) {
      for (const c of containers(d)) for (const e of c.env ?? []) named.add(e.name);
    }
    // The Secret's keys that become variables (upper case; KEDA's keys are lower case).
    for (const key of Object.keys(of('Secret')[0]?.stringData ?? {}))
      if (/^[A-Z0-9_]+$/.test(key)) named.add(key);
    expect([...named].filter((name) => !known.has(name))).toEqual([]);
    // Every value in the ConfigMap is one the configuration accepts.
    expect(envSchema.safeParse(config).error?.issues ?? []).toEqual([]);
  });
});
