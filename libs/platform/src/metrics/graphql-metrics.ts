import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Counter, Histogram, type Registry } from 'prom-client';
import { boundedLabel } from './bounded-labels';

/** Seconds; a federated query's parts take milliseconds, a dashboard over a province a few seconds. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Distinct operation names kept per process before new ones count as `other`. */
const OPERATION_NAME_LIMIT = 200;

/**
 * Request latency per operation name, and errors per operation and code, of one Apollo server (the
 * gateway or a subgraph). The registry's default labels name the service and process. Subgraph
 * operations carry the names the gateway's query planner gives them (`<operation>__<subgraph>__<n>`).
 */
export function graphqlMetrics<C extends BaseContext>(registry: Registry): ApolloServerPlugin<C> {
  const duration = new Histogram({
    name: 'jianguan_graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL request to sending its response, per operation name',
    labelNames: ['operation', 'outcome'],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'jianguan_graphql_errors_total',
    help: 'GraphQL errors sent to callers, per operation name and error code',
    labelNames: ['operation', 'code'],
    registers: [registry],
  });
  const operationLabel = boundedLabel(OPERATION_NAME_LIMIT);
  const codeLabel = boundedLabel(50);

  return {
    async requestDidStart({ request }) {
      const stopTimer = duration.startTimer();
      let failed = false;
      return {
        async didEncounterErrors({ errors: encountered, operationName }) {
          failed = true;
          const operation = operationLabel(operationName ?? request.operationName, 'anonymous');
          for (const error of encountered) {
            const code = typeof error.extensions.code === 'string' ? error.extensions.code : undefined;
            errors.inc({ operation, code: codeLabel(code, 'INTERNAL_SERVER_ERROR') });
          }
        },
        async willSendResponse({ operationName }) {
          stopTimer({
            operation: operationLabel(operationName ?? request.operationName, 'anonymous'),
            outcome: failed ? 'error' : 'ok',
          });
        },
      };
    },
  };
}
