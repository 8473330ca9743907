/** Scenario 3: the province dashboard, statistics from all five subgraphs for region 63 (青海省). */
import type { Gateway } from '../gateways';
import { checkIdenticalAnswers } from '../identical';
import { measure } from '../measure';
import { dashboardBodies } from '../queries';
import type { RunOptions, ScenarioResult } from '../scenario';
import { withDatabase } from '../seed';
import type { Stack } from '../stack';
import { gatewaySource, gatewayTarget } from './http-targets';

export async function dashboardScenario(
  stack: Stack,
  gateways: Gateway[],
  options: RunOptions,
): Promise<ScenarioResult> {
  const headers = { authorization: `Bearer ${stack.adminToken}` };
  const cities = await withDatabase(stack, async (db) =>
    (
      await db.query<{ code: string }>(
        `SELECT code FROM registry.region WHERE level = 'CITY' AND code LIKE '63%' ORDER BY code`,
      )
    ).rows.map((r) => r.code),
  );
  const bodies = dashboardBodies(cities);
  const checked = await checkIdenticalAnswers(
    gateways.map((g) => gatewaySource(g, headers)),
    bodies.slice(0, 4),
  );
  const targets = gateways.map((g) => gatewayTarget(g, headers, bodies, options.method.connections));
  const summaries = await measure(targets, options.method, stack);
  return {
    scenario: 3,
    title: 'Province dashboard: region(code: "63") with stats from all five subgraphs',
    notes: [
      `Every other request is region(code: "63"); the ones between are its ${cities.length} prefectures in turn, so consecutive requests differ.`,
      'Fields: institutionStats, reviewStats, filingStats, rectificationStats, listStats.',
      `All gateways gave identical JSON for ${checked} request bodies before timing.`,
    ],
    method: options.method,
    targets: summaries,
  };
}
