/** Renders a kustomization with `kubectl kustomize`, the way `kubectl apply -k` would. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { Manifest } from './deployment-k8s-schema';

/** Every YAML document of `text` (empty documents dropped); a syntax error names its source. */
export function parseManifests(text: string, source: string): Manifest[] {
  return parseAllDocuments(text)
    .map((document) => {
      if (document.errors.length > 0) throw new Error(`${source}: ${document.errors[0].message}`);
      return document.toJS() as Manifest | null;
    })
    .filter((manifest): manifest is Manifest => manifest !== null);
}

export const readManifests = (file: string) => parseManifests(readFileSync(file, 'utf8'), file);

/**
 * The manifests `kubectl kustomize <dir>` renders. kubectl (with its built-in kustomize) is
 * required: without it nothing proves the overlays render, so this throws instead of skipping.
 */
export function renderKustomization(dir: string, kubectl = 'kubectl'): Manifest[] {
  const result = spawnSync(kubectl, ['kustomize', dir], { encoding: 'utf8', timeout: 60_000 });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(
      'kubectl is not installed: the Kubernetes manifests cannot be rendered and validated. ' +
        'Install kubectl (v1.32 or later, it has kustomize built in), e.g. `apt-get install kubectl`.',
    );
  }
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`kubectl kustomize ${dir} failed:\n${result.stderr}`);
  return parseManifests(result.stdout, `kubectl kustomize ${dir}`);
}
