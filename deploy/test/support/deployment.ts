import path from 'node:path';

/** The repository, whose deployment files (docker-compose.yml, k8s/) the tests read. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const GATEWAY_PORT = 4000;
/** The port of each worker's /healthz, /readyz and /metrics server (WORKER_PORT). */
export const WORKER_PORTS: Record<string, number> = {
  registry: 9101,
  'qualification-review': 9102,
  'online-course-filing': 9103,
  enforcement: 9104,
  'public-list': 9105,
};
/** A service's name as it stands in environment variables: `online-course-filing` → `ONLINE_COURSE_FILING`. */
export const envName = (name: string) => name.toUpperCase().replace(/-/g, '_');
