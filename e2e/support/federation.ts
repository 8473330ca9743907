import {
  migrateServiceDatabase,
  type DestinationStream,
  type RunningProcess,
  type ServerStartOptions,
  type ServiceDefinition,
} from '@jianguan/platform';
import {
  createQueuePrefix,
  createTestDatabase,
  testEnv,
  testProcessEnv,
  testServiceUrls,
  TEST_SUBGRAPH_SECRET,
  type TestDatabase,
  type TestQueuePrefix,
} from '@jianguan/testing';
import { Client } from 'pg';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeSupergraph, startGateway, type GatewayStartOptions } from '@jianguan/gateway';
import { federationServices } from '@jianguan/federation';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

/** The data of a response that must have succeeded (its errors, when any, fail the test). */
export const ok = <T>(result: GraphQLResponse<T>): T => {
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
};

export interface TestFederation {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  /** Base URLs of `/metrics` (and the probes) on the operations ports, per subgraph and `gateway`. */
  operationsUrls: Record<string, string>;
  /** Per service with a started worker: the base URL of its `/healthz`, `/readyz` and `/metrics`. */
  workerUrls: Record<string, string>;
  db: TestDatabase;
  queue: TestQueuePrefix;
  /** What a service of this federation is started with: its own runtime role's DATABASE_URL. */
  envFor: (service: ServiceDefinition) => Record<string, string>;
  /** One running subgraph, to take it down under the running gateway and bring it back. */
  subgraph: (name: string) => SubgraphControl;
  /** POSTs a query to the gateway, as a client would. */
  query: <T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ) => Promise<GraphQLResponse<T>>;
  stop: () => Promise<void>;
}

export interface SubgraphControl {
  /** Stops the subgraph's server: its port refuses connections. */
  stop: () => Promise<void>;
  /** Stops it and puts a server in its place that accepts connections and never answers. */
  hang: () => Promise<void>;
  /** Starts it again on the same port (the gateway's configuration is unchanged). */
  start: () => Promise<void>;
}

const envName = (service: string) => service.toUpperCase().replace(/-/g, '_');

export async function postGraphQL<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

/** The options of startFederation. */
export type FederationOptions = NonNullable<Parameters<typeof startFederation>[0]>;

/** startFederation and a connected client on its database, for a test file's `beforeAll`. */
export async function startFederationWithDatabase(
  options: FederationOptions = {},
): Promise<{ federation: TestFederation; db: Client }> {
  const federation = await startFederation(options);
  const db = new Client({ connectionString: federation.db.url });
  await db.connect();
  return { federation, db };
}

/** Ends the database client and stops the federation, for `afterAll` (either is unset when start failed). */
export async function stopFederation(federation: TestFederation | undefined, db: Client | undefined) {
  await db?.end();
  await federation?.stop();
}

/**
 * Starts the federation for one test file: its own database and queue prefix, every subgraph on a
 * free port, optionally their workers, and the gateway in front — everything over real HTTP.
 */
export async function startFederation(
  options: {
    services?: ServiceDefinition[];
    workers?: boolean;
    env?: Record<string, string>;
    /** Per-service start options, e.g. a statement counter. */
    serverOptions?: Record<string, ServerStartOptions>;
    gatewayOptions?: GatewayStartOptions;
    /** Where every process's log lines go (gateway, subgraphs, workers), instead of stdout. */
    logDestination?: DestinationStream;
  } = {},
): Promise<TestFederation> {
  const services = options.services ?? federationServices;
  const db = await createTestDatabase();
  const queue = createQueuePrefix();
  // Each service connects as its own runtime role, so the tests prove those rights suffice.
  const envFor = (service: ServiceDefinition) => testEnv(service, db, queue, options.env);
  const processes: RunningProcess[] = [];
  const subgraphs = new Map<string, SubgraphControl>();
  const subgraphUrls: Record<string, string> = {};
  const operationsUrls: Record<string, string> = {};
  const workerUrls: Record<string, string> = {};
  const gatewayEnv: Record<string, string> = testProcessEnv(queue, options.env);
  try {
    for (const service of services) {
      // The template holds the schemas of @jianguan/federation; a service not yet listed there migrates here.
      if (!federationServices.includes(service)) {
        await migrateServiceDatabase(service, {
          adminUrl: db.url,
          ...testServiceUrls(db.name, service.schema),
        });
      }
      const env = envFor(service);
      const logDestination = options.logDestination;
      const serverOptions = {
        ...(logDestination && { logDestination }),
        ...options.serverOptions?.[service.name],
      };
      const server = await service.startServer(env, serverOptions);
      const control = subgraphControl(service, server, env, serverOptions);
      subgraphs.set(service.name, control);
      processes.push(control);
      subgraphUrls[service.name] = server.url;
      operationsUrls[service.name] = server.operationsUrl;
      gatewayEnv[`SUBGRAPH_${envName(service.name)}_URL`] = server.url;
      gatewayEnv[`SUBGRAPH_${envName(service.name)}_SECRET`] = TEST_SUBGRAPH_SECRET;
      if (options.workers) {
        const worker = await service.startWorker(env, { logDestination });
        processes.push(worker);
        workerUrls[service.name] = worker.operationsUrl;
      }
    }
    // Composed from the services started here, so a test may run any subset of the federation.
    const supergraphDir = await mkdtemp(path.join(tmpdir(), 'jianguan-supergraph-'));
    processes.push({ stop: () => rm(supergraphDir, { recursive: true, force: true }) });
    gatewayEnv.SUPERGRAPH_PATH = path.join(supergraphDir, 'supergraph.graphql');
    await writeFile(
      gatewayEnv.SUPERGRAPH_PATH,
      composeSupergraph(
        services.map((s) => ({ name: s.name, typeDefs: s.typeDefs, url: subgraphUrls[s.name] })),
      ),
    );
    const gateway = await startGateway(gatewayEnv, {
      ...(options.logDestination && { logDestination: options.logDestination }),
      ...options.gatewayOptions,
    });
    processes.push(gateway);
    operationsUrls.gateway = gateway.operationsUrl;
    return {
      gatewayUrl: gateway.url,
      subgraphUrls,
      operationsUrls,
      workerUrls,
      db,
      queue,
      envFor,
      subgraph: (name) => {
        const control = subgraphs.get(name);
        if (!control) throw new Error(`No subgraph ${name} in this federation`);
        return control;
      },
      query: (query, variables, token) =>
        postGraphQL(gateway.url, query, variables, token ? { authorization: `Bearer ${token}` } : {}),
      stop: async () => {
        for (const process of processes.reverse()) await process.stop();
        await queue.cleanup();
        await db.drop();
      },
    };
  } catch (error) {
    for (const process of processes.reverse()) await process.stop().catch(() => {});
    await db.drop();
    throw error;
  }
}

/**
 * What runs on a subgraph's port: the subgraph, a server that never answers, or nothing. Stopping
 * the control (at the end of the file) stops whichever it is.
 */
function subgraphControl(
  service: ServiceDefinition,
  server: RunningProcess & { url: string },
  env: Record<string, string>,
  serverOptions: ServerStartOptions | undefined,
): SubgraphControl & RunningProcess {
  const port = new URL(server.url).port;
  let running: RunningProcess | undefined = server;
  const stop = async () => {
    const current = running;
    running = undefined;
    await current?.stop();
  };
  return {
    stop,
    hang: async () => {
      await stop();
      const sockets = new Set<net.Socket>();
      const silent = net.createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise<void>((resolve) => silent.listen(Number(port), '127.0.0.1', resolve));
      running = {
        stop: () =>
          new Promise<void>((resolve) => {
            for (const socket of sockets) socket.destroy();
            silent.close(() => resolve());
          }),
      };
    },
    start: async () => {
      await stop();
      running = await service.startServer({ ...env, PORT: port }, serverOptions);
    },
  };
}
