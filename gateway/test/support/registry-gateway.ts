import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { registryService } from '@jianguan/registry';
import type { RunningProcess } from '@jianguan/platform';
import { QINGHAI, TEST_SUBGRAPH_SECRET, tokenFor, useServiceDatabase } from '@jianguan/testing';
import { composeSupergraph, startGateway, type RunningGateway } from '../../src';
import { startCountingProxy, type CountingProxy } from './counting-proxy';

export interface RegistryGateway {
  registry: RunningProcess & { url: string };
  /** Between the gateway and the registry when asked for: counts the requests that reach the subgraph. */
  proxy: CountingProxy;
  gateway: RunningGateway;
  /** What the gateway was started with, for a test that starts another one beside it. */
  gatewayEnv: Record<string, string>;
  /** A folder of the file's own (the supergraph is in it), removed at the end. */
  supergraphDir: string;
  service: ReturnType<typeof useServiceDatabase>;
}

/**
 * The registry subgraph on a database of the file's own and a gateway in front of it, composed from
 * the running subgraph (reached through a counting proxy when `proxy` is set), not the committed file;
 * started in `beforeAll`, stopped gateway first in `afterAll`, with whatever a test registered on `service`.
 */
export function useRegistryGateway(options: { proxy?: boolean; dirPrefix: string }): RegistryGateway {
  const service = useServiceDatabase();
  const bed = { service } as RegistryGateway;
  beforeAll(async () => {
    const env = service.envFor(registryService);
    bed.registry = service.stopAtEnd(await registryService.startServer(env), (s) => s.stop());
    if (options.proxy)
      bed.proxy = service.stopAtEnd(await startCountingProxy(bed.registry.url), (p) => p.stop());
    bed.supergraphDir = service.stopAtEnd(mkdtempSync(path.join(os.tmpdir(), options.dirPrefix)), (dir) =>
      rmSync(dir, { recursive: true, force: true }),
    );
    const supergraphPath = path.join(bed.supergraphDir, 'supergraph.graphql');
    const url = options.proxy ? bed.proxy.url : bed.registry.url;
    writeFileSync(
      supergraphPath,
      composeSupergraph([{ name: registryService.name, typeDefs: registryService.typeDefs, url }]),
    );
    bed.gatewayEnv = {
      ...env,
      SUPERGRAPH_PATH: supergraphPath,
      SUBGRAPH_REGISTRY_SECRET: TEST_SUBGRAPH_SECRET,
    };
    bed.gateway = service.stopAtEnd(await startGateway(bed.gatewayEnv), (g) => g.stop());
  });
  return bed;
}

export const REGION_QUERY = `query Region($code: String!) { region(code: $code) { code name level } }`;

/** A province official who may write to the registry. */
export const officialToken = () => tokenFor({ scopes: ['registry:write'], regionCode: QINGHAI.province });
