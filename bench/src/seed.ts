/**
 * Seeds the data set through the real system: institutions are registered through the registry
 * subgraph (the same mutation officials use), and every other service learns of them through the
 * event pipeline, which we wait for.
 */
import { Client } from 'pg';
import { benchInstitutions, type BenchCounty, type BenchInstitution } from '@jianguan/tools';
import { inParallel, postGraphQL } from './graphql-client';
import type { Stack, Subgraph } from './stack';

const say = (message: string) => process.stderr.write(`[bench] ${message}\n`);

export const subgraphOf = (stack: Stack, name: string) =>
  stack.subgraphs.find((s) => s.name === name) as Subgraph;

/** Calls a subgraph directly, as the gateway would: its secret and the caller's token. */
export async function callSubgraph(
  stack: Stack,
  name: string,
  query: string,
  variables: Record<string, unknown>,
) {
  const subgraph = subgraphOf(stack, name);
  const answer = await postGraphQL(subgraph.url, JSON.stringify({ query, variables }), {
    'x-subgraph-secret': subgraph.secret,
    authorization: `Bearer ${stack.adminToken}`,
  });
  if (answer.errors?.length) throw new Error(`${name}: ${answer.errors.map((e) => e.message).join('; ')}`);
  return answer.data as Record<string, unknown>;
}

export async function withDatabase<T>(stack: Stack, work: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

export const qinghaiCounties = (stack: Stack) =>
  withDatabase(stack, async (db) => {
    const rows = await db.query<BenchCounty>(
      `SELECT code, name FROM registry.region WHERE level = 'COUNTY' AND code LIKE '63%' ORDER BY code`,
    );
    return rows.rows;
  });

const REGISTER = `mutation($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }`;

export async function registerInstitutions(
  stack: Stack,
  seeds: BenchInstitution[],
  concurrency = 8,
): Promise<string[]> {
  const ids: string[] = new Array(seeds.length);
  await inParallel(seeds.length, concurrency, async (i) => {
    const data = await callSubgraph(stack, 'registry', REGISTER, { input: seeds[i] });
    ids[i] = (data.registerInstitution as { id: string }).id;
  });
  return ids;
}

/** Polls `sql` (one row, column n) until it reaches `target` or `timeoutMs` passes. */
export async function waitForCount(
  stack: Stack,
  what: string,
  sql: string,
  target: number,
  timeoutMs = 600_000,
) {
  const started = Date.now();
  return withDatabase(stack, async (db) => {
    for (;;) {
      const n = Number((await db.query<{ n: string }>(sql)).rows[0].n);
      if (n >= target) return n;
      if (Date.now() - started > timeoutMs)
        throw new Error(`${what}: ${n} of ${target} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 500));
    }
  });
}

const ISSUE_ORDER = `mutation($input: IssueRectificationOrderInput!) { issueRectificationOrder(input: $input) { id } }`;

/** Rectification orders (through the enforcement subgraph), one per institution, all due at `deadline`. */
export async function issueOrders(
  stack: Stack,
  institutionIds: string[],
  deadline: Date,
  concurrency = 8,
): Promise<string[]> {
  const ids: string[] = new Array(institutionIds.length);
  await inParallel(institutionIds.length, concurrency, async (i) => {
    const data = await callSubgraph(stack, 'enforcement', ISSUE_ORDER, {
      input: {
        institutionId: institutionIds[i],
        source: 'SURVEY',
        problems: [{ code: 'LICENCE_MISSING', description: '未取得办学许可证' }],
        deadline: deadline.toISOString(),
      },
    });
    ids[i] = (data.issueRectificationOrder as { id: string }).id;
  });
  return ids;
}

export interface Seeded {
  counties: BenchCounty[];
  institutionIds: string[];
  seeds: BenchInstitution[];
  seconds: number;
  /** Orders issued per second while seeding (scenario 4 plans its lead time with it). */
  ordersPerSecond: number;
}

/** `count` institutions across Qinghai, registered and known to every service. */
export async function seedQinghai(stack: Stack, count: number): Promise<Seeded> {
  const started = Date.now();
  const counties = await qinghaiCounties(stack);
  const seeds = benchInstitutions(count, counties);
  say(`registering ${count} institutions in ${counties.length} Qinghai counties`);
  const institutionIds = await registerInstitutions(stack, seeds);
  say(`registered in ${((Date.now() - started) / 1000).toFixed(1)} s; waiting for the event pipeline`);
  await waitForCount(stack, 'enforcement', `SELECT count(*) AS n FROM enforcement.known_institution`, count);
  // Every tenth institution is under rectification, so it is on the (grey) public list.
  const ordered = institutionIds.filter((_, i) => i % 10 === 0);
  const deadline = new Date(Date.now() + 180 * 86_400_000);
  say(`issuing ${ordered.length} rectification orders`);
  const ordersStarted = Date.now();
  await issueOrders(stack, ordered, deadline);
  const ordersPerSecond = ordered.length / Math.max((Date.now() - ordersStarted) / 1000, 0.001);
  await waitForCount(stack, 'public list', `SELECT count(*) AS n FROM public_list.listing`, count);
  await waitForCount(
    stack,
    'grey list',
    `SELECT count(*) AS n FROM public_list.listing WHERE list = 'GREY'`,
    ordered.length,
  );
  const seconds = (Date.now() - started) / 1000;
  say(`seeded ${count} institutions in ${seconds.toFixed(1)} s`);
  return { counties, institutionIds, seeds, seconds, ordersPerSecond };
}
