import 'reflect-metadata';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import path from 'node:path';
import { ApiConfig, validateApiConfig } from '../../apps/api/src/config/api-config';
import { ReactorConfig, managementPortOf, validateReactorConfig } from '../../apps/reactor/src/reactor.config';
import { ADMIN_SETTINGS, adminSettingsOf } from '../../scripts/admin/settings';
import { ROOT, builtAdmin, builtEntry, settingsOf } from './app-entries';
import { K8sObject, containersOf, find, renderKustomization } from './kustomize';

// No cluster here: the manifests are rendered offline and checked against the Kubernetes schemas (kubernetes-models)
// and against the settings the apps declare.
const MODELS: Record<string, new (object: any) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/Secret': Secret,
  'v1/Service': Service,
};

const render = (directory: string) => renderKustomization(path.join(ROOT, 'deploy/k8s', directory));

function validate(object: K8sObject): void {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Model) throw new Error(`No schema for ${object.apiVersion} ${object.kind}`);
  new Model(object).validate();
}

/** The environment a container starts with: its env and envFrom, resolved from the rendered ConfigMaps and Secrets. */
function environmentOf(objects: readonly K8sObject[], container: any): Record<string, string> {
  const dataOf = (kind: string, name: string): Record<string, string> => {
    const source = find(objects, kind, name);
    return kind === 'Secret' ? source.stringData : source.data;
  };
  const environment: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    Object.assign(environment, from.configMapRef ? dataOf('ConfigMap', from.configMapRef.name) : dataOf('Secret', from.secretRef.name));
  }
  for (const { name, value, valueFrom } of container.env ?? []) {
    if (value !== undefined) environment[name] = value;
    else if (valueFrom.secretKeyRef) environment[name] = dataOf('Secret', valueFrom.secretKeyRef.name)[valueFrom.secretKeyRef.key];
    else if (valueFrom.configMapKeyRef) environment[name] = dataOf('ConfigMap', valueFrom.configMapKeyRef.name)[valueFrom.configMapKeyRef.key];
    else if (valueFrom.fieldRef?.fieldPath === "metadata.labels['apps.kubernetes.io/pod-index']") environment[name] = '0';
    else throw new Error(`${name}: a source this test does not resolve`);
  }
  return environment;
}

const podOf = (workload: K8sObject) => workload.spec.template;
const containerOf = (objects: readonly K8sObject[], kind: string, name: string) => containersOf(find(objects, kind, name))[0];

describe.each(['base', 'overlays/example'])('Kubernetes manifests: %s', (directory) => {
  const objects = render(directory);
  const api = () => containerOf(objects, 'Deployment', 'api');
  const reactor = () => containerOf(objects, 'StatefulSet', 'reactor');

  it('are valid against the Kubernetes schemas, and the validation bites', () => {
    for (const object of objects) expect(() => validate(object)).not.toThrow();
    const broken = structuredClone(find(objects, 'StatefulSet', 'reactor'));
    containersOf(broken)[0].env.push({ name: 'CONSUMER_GROUP_SIZE', value: 3 });
    expect(() => validate(broken)).toThrow('must be string');
  });

  it('give each app only settings it declares, and valid ones', () => {
    const check = (container: any, declared: readonly string[], read: (environment: Record<string, string>) => unknown) => {
      const environment = environmentOf(objects, container);
      expect(Object.keys(environment).filter((name) => !declared.includes(name))).toEqual([]);
      expect(() => read(environment)).not.toThrow();
    };
    check(api(), settingsOf(ApiConfig), validateApiConfig);
    check(reactor(), settingsOf(ReactorConfig), validateReactorConfig);
    check(containerOf(objects, 'Job', 'db-init'), ADMIN_SETTINGS, adminSettingsOf);
  });

  it('run the files the build produces: the API, the reactor, and the admin CLI for the database init', () => {
    expect(api().command).toEqual(['node', builtEntry('api')]);
    expect(reactor().command).toEqual(['node', builtEntry('reactor')]);
    expect(containerOf(objects, 'Job', 'db-init').command).toEqual(['node', builtAdmin(), 'db', 'init']);
  });

  it('make the reactor pod ordinal the consumer-group member, in a group as large as the replicas', () => {
    const statefulSet = find(objects, 'StatefulSet', 'reactor');
    const env = Object.fromEntries(reactor().env.map((e: { name: string }) => [e.name, e]));
    expect(env.CONSUMER_GROUP_MEMBER.valueFrom.fieldRef.fieldPath).toBe("metadata.labels['apps.kubernetes.io/pod-index']");
    expect(env.CONSUMER_GROUP_SIZE.value).toBe(String(statefulSet.spec.replicas));
    expect(statefulSet.spec.serviceName).toBe(find(objects, 'Service', 'reactor').metadata.name);
  });

  it('probe and scrape the ports the apps listen on, at the real paths', () => {
    const probes = (container: any, port: string, listening: number, pod: any) => {
      expect(container.ports.find((p: { name: string }) => p.name === port).containerPort).toBe(listening);
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port });
      expect(pod.metadata.annotations).toEqual({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(listening), 'prometheus.io/path': '/metrics' });
    };
    probes(api(), 'http', validateApiConfig(environmentOf(objects, api())).PORT, podOf(find(objects, 'Deployment', 'api')));
    const reactorPort = managementPortOf(validateReactorConfig(environmentOf(objects, reactor())));
    expect(reactorPort).toBeGreaterThan(0);
    probes(reactor(), 'management', reactorPort, podOf(find(objects, 'StatefulSet', 'reactor')));
  });

  it('stop gracefully: the API pauses before it stops, the reactor drains within the grace period', () => {
    const apiPod = podOf(find(objects, 'Deployment', 'api')).spec;
    const [, pause] = api().lifecycle.preStop.exec.command;
    expect(apiPod.terminationGracePeriodSeconds).toBeGreaterThan(Number(pause));
    const reactorPod = podOf(find(objects, 'StatefulSet', 'reactor')).spec;
    const { SHUTDOWN_TIMEOUT_MS } = validateReactorConfig(environmentOf(objects, reactor()));
    expect(reactorPod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(SHUTDOWN_TIMEOUT_MS);
  });

  it('select the pods of their workloads in Services and PodDisruptionBudgets, and run them as non-root', () => {
    for (const [kind, name] of [['Deployment', 'api'], ['StatefulSet', 'reactor']]) {
      const workload = find(objects, kind, name);
      const labels = podOf(workload).metadata.labels;
      expect(labels).toMatchObject(workload.spec.selector.matchLabels);
      expect(labels).toMatchObject(find(objects, 'Service', name).spec.selector);
      expect(labels).toMatchObject(find(objects, 'PodDisruptionBudget', name).spec.selector.matchLabels);
      const ports = containersOf(workload)[0].ports.map((p: { name: string }) => p.name);
      for (const port of find(objects, 'Service', name).spec.ports) expect(ports).toContain(port.targetPort);
    }
    for (const workload of objects.filter((o) => containersOf(o).length > 0)) {
      expect(podOf(workload).spec.securityContext).toMatchObject({ runAsNonRoot: true });
      for (const container of containersOf(workload)) expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false });
    }
  });
});

describe('the example overlay', () => {
  const objects = render('overlays/example');

  it('puts everything in its namespace, runs the registry image and grows the reactor with its group size', () => {
    for (const object of objects) if (object.kind !== 'Namespace') expect(object.metadata.namespace).toBe('hotel');
    for (const container of objects.flatMap(containersOf)) expect(container.image).toBe('registry.example.com/hotel-group-checkout:0.1.0');
    expect(find(objects, 'StatefulSet', 'reactor').spec.replicas).toBe(3);
    expect(find(objects, 'ConfigMap', 'reactor-config').data.PARK_AFTER).toBe('20');
  });
});
