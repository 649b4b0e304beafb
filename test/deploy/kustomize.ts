import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: any;
}

interface Kustomization {
  namespace?: string;
  labels?: { pairs: Record<string, string> }[];
  resources?: string[];
  patches?: { path: string }[];
  images?: { name: string; newName?: string; newTag?: string }[];
  replicas?: { name: string; count: number }[];
}

/**
 * Renders a kustomization offline, as `kubectl kustomize` does, for the features our manifests use: resources (files
 * and directories), strategic-merge patches from files, namespace, labels (metadata only), images and replicas. Anything
 * else in a kustomization.yaml is refused, so that a manifest never relies on what this renderer would ignore.
 */
export function renderKustomization(directory: string): K8sObject[] {
  const kustomization = yaml.load(readFileSync(path.join(directory, 'kustomization.yaml'), 'utf8')) as Kustomization;
  const known = ['apiVersion', 'kind', 'namespace', 'labels', 'resources', 'patches', 'images', 'replicas'];
  const unknown = Object.keys(kustomization).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw new Error(`${directory}: kustomization fields this renderer does not apply: ${unknown.join(', ')}`);
  const objects = (kustomization.resources ?? []).flatMap((resource) => {
    const target = path.join(directory, resource);
    return existsSync(target) && statSync(target).isDirectory() ? renderKustomization(target) : loadObjects(target);
  });
  for (const { path: patchFile } of kustomization.patches ?? []) {
    for (const patch of loadObjects(path.join(directory, patchFile))) mergePatch(find(objects, patch.kind, patch.metadata.name), patch);
  }
  for (const { name, count } of kustomization.replicas ?? []) {
    const workloads = objects.filter((o) => o.metadata.name === name && ['Deployment', 'StatefulSet'].includes(o.kind));
    if (workloads.length === 0) throw new Error(`replicas: no Deployment or StatefulSet named ${name}`);
    for (const workload of workloads) workload.spec.replicas = count;
  }
  for (const image of kustomization.images ?? []) for (const container of objects.flatMap(containersOf)) retag(container, image);
  for (const { pairs } of kustomization.labels ?? []) for (const o of objects) o.metadata.labels = { ...o.metadata.labels, ...pairs };
  if (kustomization.namespace) for (const o of objects) if (o.kind !== 'Namespace') o.metadata.namespace = kustomization.namespace;
  return objects;
}

export function loadObjects(file: string): K8sObject[] {
  return yaml.loadAll(readFileSync(file, 'utf8')).filter((doc): doc is K8sObject => doc !== null && doc !== undefined);
}

/** The pod template's containers of a workload (Deployment, StatefulSet, Job); none for other kinds. */
export function containersOf(object: K8sObject): any[] {
  const pod = object.spec?.template?.spec;
  return pod ? [...(pod.initContainers ?? []), ...pod.containers] : [];
}

export function find(objects: readonly K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`No ${kind} named ${name}`);
  return found;
}

function retag(container: { image: string }, { name, newName, newTag }: { name: string; newName?: string; newTag?: string }): void {
  const [imageName, tag] = container.image.split(':');
  if (imageName !== name) return;
  container.image = `${newName ?? imageName}${newTag ?? tag ? `:${newTag ?? tag}` : ''}`;
}

/** Strategic merge as our patches use it: maps merge, lists of named items merge by name, other values replace. */
function mergePatch(target: any, patch: any): void {
  for (const [key, value] of Object.entries(patch)) {
    const current = target[key];
    if (Array.isArray(value) && Array.isArray(current) && value.every(isNamed)) {
      for (const item of value) {
        const existing = current.find((c: { name: string }) => c.name === item.name);
        if (existing) mergePatch(existing, item);
        else current.push(item);
      }
    } else if (isMap(value) && isMap(current)) mergePatch(current, value);
    else target[key] = value;
  }
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNamed(value: unknown): value is { name: string } {
  return isMap(value) && typeof value.name === 'string';
}
