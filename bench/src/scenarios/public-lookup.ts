/**
 * Scenario 1: anonymous `publicLookup` by name fragment and by pinyin, terms varied per request,
 * through each gateway, against the bare public-list subgraph and a bare indexed PostgreSQL loop.
 */
import { BENCH_LOOKUP_TERMS } from '@jianguan/tools';
import type { Gateway } from '../gateways';
import { checkIdenticalAnswers } from '../identical';
import { measure, pgLoopTarget } from '../measure';
import { lookupBodies } from '../queries';
import type { RunOptions, ScenarioResult } from '../scenario';
import { subgraphOf } from '../seed';
import type { Stack } from '../stack';
import { bareSubgraphTarget, gatewaySource, gatewayTarget, subgraphHeaders } from './http-targets';

const PUBLIC = `credit_code IS NOT NULL AND name IS NOT NULL AND list IS NOT NULL`;
const COLUMNS = `name, credit_code, kind, region_code, list, reason, reason_code, since`;

/** The statements public-list runs for a lookup (services/public-list/src/queries/public-entries.ts). */
const FRAGMENT_SQL = `SELECT ${COLUMNS} FROM public_list.listing
  WHERE ${PUBLIC} AND name_bigrams @> $1::text[] AND strpos(name, $2) > 0
  ORDER BY (name = $2) DESC, (strpos(name, $2) = 1) DESC, name, credit_code LIMIT 20`;
const PINYIN_SQL = `SELECT ${COLUMNS} FROM public_list.listing
  WHERE ${PUBLIC} AND (name_initials LIKE $1 || '%' OR name_pinyin LIKE $1 || '%'
    OR (length($1) >= 3 AND (name_initials LIKE '%' || $1 || '%' OR name_pinyin LIKE '%' || $1 || '%')))
  ORDER BY (name_initials = $1 OR name_pinyin = $1) DESC,
           (name_initials LIKE $1 || '%' OR name_pinyin LIKE $1 || '%') DESC, name, credit_code LIMIT 20`;

const bigrams = (text: string) => {
  const chars = [...text];
  return [...new Set(chars.slice(0, -1).map((c, i) => c + chars[i + 1]))];
};

export async function publicLookupScenario(
  stack: Stack,
  gateways: Gateway[],
  options: RunOptions,
): Promise<ScenarioResult> {
  const fragments = lookupBodies('fragment');
  const pinyin = lookupBodies('pinyin');
  // Alternate the two kinds of lookup, so every target sees both in the same mix.
  const bodies = fragments.flatMap((f, i) => [f, pinyin[i % pinyin.length]]);
  const publicList = subgraphOf(stack, 'public-list');
  const anonymous = {};
  const checked = await checkIdenticalAnswers(
    [
      ...gateways.map((g) => gatewaySource(g, anonymous)),
      {
        name: 'bare public-list subgraph',
        url: publicList.url,
        headers: subgraphHeaders(publicList, anonymous),
      },
    ],
    // A third of each kind of term: enough to catch a difference, and quick on a busy machine.
    bodies.filter((_, i) => i % 6 < 2),
  );
  const pgStatements = [
    ...BENCH_LOOKUP_TERMS.fragments.map((q) => ({
      name: 'fragment',
      sql: FRAGMENT_SQL,
      values: [bigrams(q), q],
    })),
    ...BENCH_LOOKUP_TERMS.pinyin.map((q) => ({ name: 'pinyin', sql: PINYIN_SQL, values: [q] })),
  ];
  const connections = options.method.connections;
  const targets = [
    ...gateways.map((g) => gatewayTarget(g, anonymous, bodies, connections)),
    bareSubgraphTarget(publicList, anonymous, bodies, connections),
    pgLoopTarget('bare PostgreSQL (prepared lookup statements)', {
      databaseUrl: stack.databaseUrl,
      statements: pgStatements,
      // A pool as large as the subgraph's (DATABASE_POOL_SIZE default 10).
      connections: 10,
    }),
  ];
  const summaries = await measure(targets, options.method, stack);
  return {
    scenario: 1,
    title: 'Anonymous publicLookup (name fragment and pinyin, varied terms)',
    notes: [
      `${fragments.length} name fragments and ${pinyin.length} pinyin terms, alternating, one term per request; no token.`,
      `All gateways and the bare public-list subgraph gave identical JSON for all ${checked} request bodies before timing.`,
      'Bare PostgreSQL runs the same indexed statements public-list runs (bigram GIN / pinyin prefix), as named prepared statements on 10 connections, without the region-name lookup or HTTP/GraphQL.',
    ],
    method: options.method,
    targets: summaries,
  };
}
