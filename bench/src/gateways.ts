/**
 * The gateways under test, each in its own process on the same composed supergraph and subgraphs:
 * Jianguan's gateway, a stock @apollo/gateway, and Hive Gateway with its JS planner and with its
 * Rust planner (--hive-router-runtime).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { subgraphSecretVariable } from '@jianguan/gateway';
import { benchConfig, childEnv, runJwks } from './bench-config';
import { forkChild, REPO_ROOT, spawnCommand, type Child } from './children';
import type { Stack } from './stack';

export interface Gateway {
  name: string;
  url: string;
  child: Child;
}

const HIVE_BIN = path.join(REPO_ROOT, 'bench', 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js');

/**
 * Hive Gateway's config: forwards Authorization and sends each subgraph its secret, and turns off
 * its merging of identical in-flight subgraph requests (on by default), so it does the same work
 * as the other gateways.
 */
function writeHiveConfig(stack: Stack, routerRuntime: boolean): string {
  const secrets = Object.fromEntries(stack.subgraphs.map((s) => [s.name, s.secret]));
  const file = path.join(stack.workDir, routerRuntime ? 'hive-router.config.mjs' : 'hive-js.config.mjs');
  // The CLI imports @graphql-hive/router-runtime from its own folder, where pnpm does not link it;
  // the config hands it the same handler from our install instead.
  const runtime = path.join(path.dirname(require.resolve('@graphql-hive/router-runtime')), 'index.js');
  writeFileSync(
    file,
    `${routerRuntime ? `import { unifiedGraphHandler } from ${JSON.stringify(pathToFileURL(runtime).href)};\n` : ''}const secrets = ${JSON.stringify(secrets)};
export const gatewayConfig = {${routerRuntime ? '\n  unifiedGraphHandler,' : ''}
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
  propagateHeaders: {
    fromClientToSubgraphs({ request, subgraphName }) {
      const headers = { 'x-subgraph-secret': secrets[subgraphName] };
      const authorization = request.headers.get('authorization');
      if (authorization) headers.authorization = authorization;
      return headers;
    },
  },
};
`,
  );
  return file;
}

export type GatewayName = 'jianguan' | 'jianguan-unoptimised' | 'apollo-gateway' | 'hive-js' | 'hive-router';
export const ALL_GATEWAYS: GatewayName[] = [
  'jianguan',
  'jianguan-unoptimised',
  'apollo-gateway',
  'hive-js',
  'hive-router',
];

/**
 * Jianguan's gateway without its three speed-ups (answer cache, in-flight de-duplication, entity
 * batching), run beside the real one so each run shows what they are worth on the same machine.
 */
const JIANGUAN_OPTIMISATIONS_OFF = {
  PUBLIC_ANSWER_CACHE_MB: '0',
  DEDUPLICATE_SUBGRAPH_FETCHES: 'false',
  ENTITY_BATCH_WINDOW_MS: '0',
};

export async function startGateways(stack: Stack, names: GatewayName[] = ALL_GATEWAYS): Promise<Gateway[]> {
  const base = benchConfig.BENCH_BASE_PORT;
  const gateways: Gateway[] = [];
  const started = (name: string, child: Child) => gateways.push({ name, url: child.url as string, child });
  const jianguan = async (name: GatewayName, port: number, settings: Record<string, string>) => {
    const env: Record<string, string> = {
      PORT: String(port),
      SUPERGRAPH_PATH: stack.supergraphPath,
      JWT_JWKS: runJwks,
      // As deployed: it follows public-list's change announcements, so it keeps anonymous answers.
      REDIS_URL: stack.commonEnv.REDIS_URL,
      QUEUE_PREFIX: stack.queuePrefix,
      // The load comes from one address: the public's per-address limit would refuse most of it.
      RATE_LIMIT_ANONYMOUS_REQUESTS: '0',
      ...settings,
    };
    for (const s of stack.subgraphs) env[subgraphSecretVariable(s.name)] = s.secret;
    started(name, await forkChild(`${name} gateway`, 'jianguan-gateway-main.ts', [], childEnv(env)));
  };
  if (names.includes('jianguan')) await jianguan('jianguan', base, benchConfig.BENCH_JIANGUAN_ENV);
  if (names.includes('jianguan-unoptimised')) {
    await jianguan('jianguan-unoptimised', base + 13, JIANGUAN_OPTIMISATIONS_OFF);
  }
  if (names.includes('apollo-gateway')) {
    const env = {
      PORT: String(base + 10),
      SUPERGRAPH_PATH: stack.supergraphPath,
      BENCH_SUBGRAPH_SECRETS: JSON.stringify(
        Object.fromEntries(stack.subgraphs.map((s) => [s.name, s.secret])),
      ),
    };
    started(
      'apollo-gateway',
      await forkChild('stock @apollo/gateway', 'apollo-gateway-main.ts', [], childEnv(env)),
    );
  }
  for (const [name, port, extra] of [
    ['hive-js', base + 11, []],
    ['hive-router', base + 12, ['--hive-router-runtime']],
  ] as const) {
    if (!names.includes(name)) continue;
    const url = `http://127.0.0.1:${port}/graphql`;
    const hiveConfig = writeHiveConfig(stack, name === 'hive-router');
    const child = await spawnCommand(
      `Hive Gateway (${name})`,
      process.execPath,
      [
        HIVE_BIN,
        'supergraph',
        stack.supergraphPath,
        '--config-path',
        hiveConfig,
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
        '--fork',
        '1',
        ...extra,
      ],
      // Without the runtime the CLI only warns and falls back to the JS planner: that is not the target.
      {
        env: childEnv({}),
        cwd: stack.workDir,
        url,
        failOn: /Could not load the @graphql-hive\/router-runtime/,
      },
    );
    started(name, child);
  }
  return gateways;
}
