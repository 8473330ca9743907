import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  handleAll,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
  wrap,
} from 'cockatiel';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Logger } from '@jianguan/platform';
import type { SubgraphFetch } from './subgraph-http';

/** Why a call got no answer: it was not sent (breaker open), took too long, or failed to connect or read. */
export type UnavailableReason = 'circuit_open' | 'timeout' | 'unreachable';

/** A subgraph call that got no answer; the data source turns it into SUBGRAPH_UNAVAILABLE field errors. */
export class SubgraphUnavailable extends Error {
  constructor(
    readonly subgraph: string,
    readonly reason: UnavailableReason,
    options?: ErrorOptions,
  ) {
    super(`Subgraph ${subgraph} unavailable (${reason})`, options);
  }
}

export interface SubgraphBreakerOptions {
  /** Time one call may take, answer read whole, in milliseconds. */
  timeoutMs: number;
  /** Calls in a row without an answer that mark a subgraph down. */
  failures: number;
  /** How long a down subgraph is not called before one call goes through as a probe, in milliseconds. */
  resetMs: number;
}

/** `up`: called as usual; `down`: calls are answered at once; `probing`: one call is finding out. */
export type SubgraphHealth = 'up' | 'down' | 'probing';

export interface SubgraphBreakers {
  /** `send` for one subgraph, with its timeout and behind its breaker. */
  guard: (subgraph: string, send: SubgraphFetch) => SubgraphFetch;
  /** Every guarded subgraph's health, for readiness. */
  health: () => Record<string, SubgraphHealth>;
}

const HEALTH: Record<CircuitState, SubgraphHealth> = {
  [CircuitState.Closed]: 'up',
  [CircuitState.HalfOpen]: 'probing',
  [CircuitState.Open]: 'down',
  [CircuitState.Isolated]: 'down',
};

/**
 * One circuit breaker per subgraph (cockatiel), each call bounded by a timeout that aborts it.
 * A subgraph that gave no answer `failures` times in a row is down: its calls fail at once instead
 * of each waiting for the timeout, until after `resetMs` one call goes through as a probe; its
 * answer closes the breaker again. Any HTTP answer counts as an answer — a refusal is the
 * subgraph at work. Health shows in `/readyz`, `jianguan_gateway_subgraph_up` and
 * `jianguan_gateway_subgraph_unavailable_total`.
 */
export function subgraphBreakers(
  options: SubgraphBreakerOptions,
  metrics: Registry,
  logger: Logger,
): SubgraphBreakers {
  const states = new Map<string, () => CircuitState>();
  const unavailable = new Counter({
    name: 'jianguan_gateway_subgraph_unavailable_total',
    help: 'Subgraph calls that got no answer, per subgraph and reason (circuit_open, timeout, unreachable)',
    labelNames: ['subgraph', 'reason'],
    registers: [metrics],
  });
  new Gauge({
    name: 'jianguan_gateway_subgraph_up',
    help: 'Whether the gateway calls the subgraph (1) or holds it for down (0, also while probing)',
    labelNames: ['subgraph'],
    registers: [metrics],
    collect() {
      for (const [subgraph, state] of states) this.set({ subgraph }, state() === CircuitState.Closed ? 1 : 0);
    },
  });

  return {
    guard: (subgraph, send) => {
      const breaker = circuitBreaker(handleAll, {
        halfOpenAfter: options.resetMs,
        breaker: new ConsecutiveBreaker(options.failures),
      });
      breaker.onStateChange((state) => {
        const log = state === CircuitState.Closed ? logger.info : logger.warn;
        log.call(logger, { subgraph, health: HEALTH[state] }, 'subgraph health changed');
      });
      states.set(subgraph, () => breaker.state);
      const policy = wrap(breaker, timeout(options.timeoutMs, TimeoutStrategy.Aggressive));
      return async (url, call) => {
        try {
          return await policy.execute(({ signal }) => send(url, { ...call, signal }));
        } catch (error) {
          const reason: UnavailableReason =
            error instanceof BrokenCircuitError
              ? 'circuit_open'
              : error instanceof TaskCancelledError
                ? 'timeout'
                : 'unreachable';
          unavailable.inc({ subgraph, reason });
          throw new SubgraphUnavailable(subgraph, reason, { cause: error });
        }
      };
    },
    health: () => Object.fromEntries([...states].map(([subgraph, state]) => [subgraph, HEALTH[state()]])),
  };
}
