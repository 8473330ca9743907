/**
 * Offline validation of rendered Kubernetes manifests against the API's own field lists.
 *
 * kubernetes-models checks types and required fields but lets unknown fields through, so a
 * misspelled `readinesProbe` would pass it and be silently dropped by the API server. This walks every
 * object against the OpenAPI-generated `attributeTypeMap` of @kubernetes/client-node's models and
 * reports each field the API does not define and each value of the wrong type; then it runs
 * kubernetes-models' validator for what the field lists do not say (required fields, formats).
 */
import * as k8s from '@kubernetes/client-node';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';

export type Manifest = {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
} & Record<string, unknown>;

interface Attribute {
  name: string;
  baseName: string;
  type: string;
}
type ModelClass = { attributeTypeMap?: Attribute[] };

const models = k8s as unknown as Record<string, ModelClass | undefined>;

/** Every kind this repository deploys, with kubernetes-models' class for it. */
const MODEL_VALIDATORS: Record<string, (data: Manifest) => { validate(): void }> = {
  'apps/v1/Deployment': (data) => new Deployment(data as never),
  'v1/Service': (data) => new Service(data as never),
  'v1/ConfigMap': (data) => new ConfigMap(data as never),
  'v1/Secret': (data) => new Secret(data as never),
  'v1/Namespace': (data) => new Namespace(data as never),
  'batch/v1/Job': (data) => new Job(data as never),
  'autoscaling/v2/HorizontalPodAutoscaler': (data) => new HorizontalPodAutoscaler(data as never),
  'policy/v1/PodDisruptionBudget': (data) => new PodDisruptionBudget(data as never),
  'networking.k8s.io/v1/NetworkPolicy': (data) => new NetworkPolicy(data as never),
};

/** `apps/v1` + `Deployment` → `V1Deployment`, the client's model for it. */
function modelName(apiVersion: string, kind: string): string {
  const version = apiVersion.split('/').pop() ?? '';
  return `${version.charAt(0).toUpperCase()}${version.slice(1)}${kind}`;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Resource quantities may be written as YAML numbers (`cpu: 1`); the API accepts both. */
const QUANTITY_MAPS = new Set(['V1ResourceRequirements.limits', 'V1ResourceRequirements.requests']);

function checkValue(value: unknown, type: string, at: string, context: string, problems: string[]): void {
  if (value === null || value === undefined) return;
  const arrayOf = /^Array<(.+)>$/.exec(type);
  const mapOf = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (arrayOf) {
    if (!Array.isArray(value)) problems.push(`${at}: expected a list (${type}), got ${typeof value}`);
    else value.forEach((item, index) => checkValue(item, arrayOf[1], `${at}[${index}]`, '', problems));
  } else if (mapOf) {
    if (!isObject(value)) {
      problems.push(`${at}: expected a map, got ${Array.isArray(value) ? 'a list' : typeof value}`);
      return;
    }
    const itemType = QUANTITY_MAPS.has(context) ? 'IntOrString' : mapOf[1];
    for (const [key, item] of Object.entries(value)) checkValue(item, itemType, `${at}.${key}`, '', problems);
  } else if (type === 'string' || type === 'Date') {
    if (typeof value !== 'string') problems.push(`${at}: expected a string, got ${typeof value}`);
  } else if (type === 'number') {
    if (typeof value !== 'number') problems.push(`${at}: expected a number, got ${typeof value}`);
  } else if (type === 'boolean') {
    if (typeof value !== 'boolean') problems.push(`${at}: expected a boolean, got ${typeof value}`);
  } else if (type === 'IntOrString') {
    if (typeof value !== 'string' && typeof value !== 'number') {
      problems.push(`${at}: expected a number or a string, got ${typeof value}`);
    }
  } else if (type === 'any' || type === 'object') {
    return;
  } else {
    checkObject(value, type, at, problems);
  }
}

function checkObject(value: unknown, type: string, at: string, problems: string[]): void {
  const attributes = models[type]?.attributeTypeMap;
  if (!attributes) {
    problems.push(`${at}: no Kubernetes model ${type} to check against`);
    return;
  }
  if (!isObject(value)) {
    problems.push(
      `${at}: expected an object (${type}), got ${Array.isArray(value) ? 'a list' : typeof value}`,
    );
    return;
  }
  const byName = new Map(attributes.map((attribute) => [attribute.baseName, attribute]));
  for (const [key, field] of Object.entries(value)) {
    const attribute = byName.get(key);
    if (!attribute) {
      problems.push(`${at}.${key}: unknown field (${type} has no "${key}")`);
      continue;
    }
    checkValue(field, attribute.type, `${at}.${key}`, `${type}.${key}`, problems);
  }
}

/** Every problem of one manifest, each naming the path of the offending field; none when valid. */
export function schemaProblems(manifest: Manifest): string[] {
  const { apiVersion, kind } = manifest;
  const label = `${kind}/${manifest.metadata?.name ?? '?'}`;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string')
    return [`${label}: apiVersion and kind are required`];
  const validator = MODEL_VALIDATORS[`${apiVersion}/${kind}`];
  if (!validator) return [`${label}: ${apiVersion} ${kind} is not a kind this repository deploys`];
  const problems: string[] = [];
  checkObject(manifest, modelName(apiVersion, kind), label, problems);
  try {
    validator(manifest).validate();
  } catch (error) {
    problems.push(`${label}: ${(error as Error).message}`);
  }
  return problems;
}
