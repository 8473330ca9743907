/**
 * Rules every docker-compose.yml of this repository follows, checked on the parsed file: each
 * service has an image or a build whose Dockerfile (and PACKAGE build argument) exists, long-running services have health checks,
 * dependencies exist and carry a condition the dependency can meet, Node containers are locked down,
 * ports are bound to an address, Redis asks for a password that every client sends, and no secret or
 * password value is committed.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface ComposeService {
  image?: string;
  /** `dockerfile` defaults to the context's Dockerfile; `args.PACKAGE` names the workspace folder it builds. */
  build?: { context: string; dockerfile?: string; args?: Record<string, string> };
  command?: string[];
  environment?: Record<string, string | number | null>;
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string[] };
  ports?: string[];
  restart?: string;
  volumes?: string[];
  read_only?: boolean;
  cap_drop?: string[];
}
export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** A one-shot service (a migration) runs to completion instead of staying up. */
export const isOneShot = (service: ComposeService) => service.restart === 'no';

const SENSITIVE = /SECRET|PASSWORD|AUTH/;
/** Only the issuer signs tokens: no container gets a signing key or the old shared secret. */
const SIGNS_TOKENS = /JWT_SECRET|SIGNING_KEY|PRIVATE_KEY/;
/** `${VAR:?message}`: compose refuses to start without the variable, and the file holds no value. */
const REQUIRED_VARIABLE = /^\$\{[A-Z0-9_]+:\?[^}]*\}$/;

export function composeProblems(compose: ComposeFile, root: string): string[] {
  const problems: string[] = [];
  const services = compose.services ?? {};
  const namedVolumes = new Set(Object.keys(compose.volumes ?? {}));
  for (const [name, service] of Object.entries(services)) {
    if (!service.image && !service.build) problems.push(`${name}: neither image nor build`);
    if (service.build) {
      const { context, dockerfile = 'Dockerfile', args } = service.build;
      if (!existsSync(path.join(root, context, dockerfile)))
        problems.push(`${name}: ${dockerfile} does not exist`);
      if (args?.PACKAGE && !existsSync(path.join(root, context, args.PACKAGE, 'package.json'))) {
        problems.push(`${name}: the build argument PACKAGE=${args.PACKAGE} is not a workspace package`);
      }
    }
    if (!isOneShot(service) && !service.healthcheck?.test) problems.push(`${name}: no healthcheck`);
    if (service.build && (service.read_only !== true || !service.cap_drop?.includes('ALL'))) {
      problems.push(`${name}: not locked down (read_only: true and cap_drop: [ALL])`);
    }
    for (const port of service.ports ?? []) {
      if (!/^\d{1,3}(\.\d{1,3}){3}:\d+:\d+$/.test(port))
        problems.push(`${name}: port ${port} is not bound to an address`);
    }
    for (const volume of service.volumes ?? []) {
      const [source] = volume.split(':');
      if (!source.startsWith('.') && !source.startsWith('/') && !namedVolumes.has(source)) {
        problems.push(`${name}: volume ${source} is not declared`);
      }
    }
    const dependsOn = service.depends_on ?? {};
    if (Array.isArray(dependsOn)) {
      problems.push(`${name}: depends_on without conditions (start order only, not readiness)`);
    } else {
      for (const [target, { condition }] of Object.entries(dependsOn)) {
        const dependency = services[target];
        if (!dependency) problems.push(`${name}: depends on ${target}, which does not exist`);
        else if (condition === 'service_healthy' && !dependency.healthcheck?.test) {
          problems.push(`${name}: waits for ${target} to be healthy, but it has no healthcheck`);
        } else if (condition === 'service_completed_successfully' && !isOneShot(dependency)) {
          problems.push(`${name}: waits for ${target} to complete, but it restarts`);
        } else if (condition !== 'service_healthy' && condition !== 'service_completed_successfully') {
          problems.push(`${name}: depends on ${target} with condition ${condition}`);
        }
      }
    }
    for (const [key, value] of Object.entries(service.environment ?? {})) {
      const text = String(value ?? '');
      if (SIGNS_TOKENS.test(key)) {
        problems.push(`${name}: ${key} would let it sign tokens; give it the public keys (JWT_JWKS) only`);
      }
      if (SENSITIVE.test(key) && !REQUIRED_VARIABLE.test(text)) {
        problems.push(`${name}: ${key} is not taken from a required environment variable`);
      }
      const credentials = /^[a-z]+:\/\/[^/@:]*:([^@]*)@/.exec(text);
      if (credentials && !REQUIRED_VARIABLE.test(credentials[1])) {
        problems.push(`${name}: ${key} holds a password that is not a required environment variable`);
      }
    }
    // Whoever reaches Redis could add queue jobs and announce list versions: it asks for a password.
    if (service.image?.startsWith('redis') && !(service.command ?? []).join(' ').includes('--requirepass')) {
      problems.push(`${name}: Redis runs without a password (--requirepass)`);
    }
    const redisUrl = service.environment?.REDIS_URL;
    if (redisUrl !== undefined && !/^rediss?:\/\/[^/@]*:[^@]+@/.test(String(redisUrl))) {
      problems.push(`${name}: REDIS_URL carries no password`);
    }
  }
  return problems;
}
