/** Scenario 2: a page of 50 institutions with fields from all five subgraphs, as an admin. */
import type { Gateway } from '../gateways';
import { postGraphQL } from '../graphql-client';
import { checkIdenticalAnswers } from '../identical';
import { measure } from '../measure';
import { institutionPageBodies } from '../queries';
import type { RunOptions, ScenarioResult } from '../scenario';
import type { Seeded } from '../seed';
import type { Stack } from '../stack';
import { gatewaySource, gatewayTarget } from './http-targets';

export async function institutionPageScenario(
  stack: Stack,
  gateways: Gateway[],
  seeded: Seeded,
  options: RunOptions,
): Promise<ScenarioResult> {
  const headers = { authorization: `Bearer ${stack.adminToken}` };
  const bodies = institutionPageBodies(seeded.counties, 50);
  const checked = await checkIdenticalAnswers(
    gateways.map((g) => gatewaySource(g, headers)),
    bodies.slice(0, 5),
  );
  // SQL per request must not grow with the page: one request at 10 and at 50, per gateway, idle.
  const perPageSize: Record<string, number> = {};
  for (const g of gateways) {
    for (const first of [10, 50]) {
      const [body] = institutionPageBodies(seeded.counties.slice(0, 1), first);
      const before = await stack.statements();
      await postGraphQL(g.url, body, headers);
      perPageSize[`${g.name}: SQL statements for one page of ${first}`] = (await stack.statements()) - before;
    }
  }
  const targets = gateways.map((g) => gatewayTarget(g, headers, bodies, options.method.connections));
  const summaries = await measure(targets, options.method, stack);
  return {
    scenario: 2,
    title: 'A page of 50 institutions with fields from all five subgraphs (admin token)',
    notes: [
      `institutions(filter: {regionCode: <county>}, first: 50), the county varied per request over ${bodies.length} Qinghai counties; fields from registry, qualification-review, online-course-filing, enforcement and public-list.`,
      `All gateways gave identical JSON for ${checked} request bodies before timing.`,
      'SQL statements per request: every statement the five subgraph processes sent during the run (a TypeORM query logger in each subgraph process), divided by the requests served.',
    ],
    method: options.method,
    targets: summaries,
    measurements: perPageSize,
  };
}
