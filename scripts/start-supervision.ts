/**
 * What `pnpm start` has running and how it stops: the running processes in the order shutdown stops
 * them, and the Ctrl-C handling during start-up (a checkpoint between steps, signals kept from Apollo).
 */
import type { RunningProcess } from '@jianguan/platform';
import type { RunningPostgres } from './dev-postgres';
import type { ResolvedRedis } from './dev-redis';

export const say = (message: string) => process.stderr.write(`[start] ${message}\n`);

/** Aborted on Ctrl-C, so a demo load in progress stops at its next request. */
export const stopSignal = new AbortController();

/** What is running, so shutdown can stop it in the right order. */
export const running: {
  gateway?: RunningProcess;
  servers: { name: string; process: RunningProcess }[];
  workers: { name: string; process: RunningProcess }[];
  postgres?: RunningPostgres;
  redis?: ResolvedRedis;
} = { servers: [], workers: [] };

/** Thrown by `checkpoint` when a stop was asked for during start-up. */
export class Interrupted extends Error {}
let stopRequested = false;
const ourSignalHandlers = new Set<(...args: never[]) => unknown>();

/** From now on, start-up stops at its next checkpoint. */
export const requestStop = () => {
  stopRequested = true;
};

/** Handles SIGINT and SIGTERM with `handler`, which `keepSignalsToOurselves` leaves in place. */
export function onStopSignals(handler: (signal: NodeJS.Signals) => void) {
  ourSignalHandlers.add(handler);
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

/**
 * Apollo Server installs its own SIGINT/SIGTERM handlers (stop, then re-raise the signal), which
 * would stop each server on its own schedule and make the re-raised signal look like a second
 * Ctrl-C. The launcher stops everything itself, in order, so it keeps the signals to itself.
 */
function keepSignalsToOurselves() {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!ourSignalHandlers.has(listener)) process.removeListener(signal, listener);
    }
  }
}

/** Called between startup steps: a Ctrl-C during startup stops at the next step and cleans up. */
export const checkpoint = () => {
  keepSignalsToOurselves();
  if (stopRequested) throw new Interrupted('interrupted');
};

/** Stops everything running, in order; false when something failed to stop (it is said why). */
export async function stopAll(): Promise<boolean> {
  let clean = true;
  const attempt = async (what: string, stop: () => Promise<void>) => {
    try {
      await stop();
    } catch (error) {
      clean = false;
      say(`stopping ${what} failed: ${(error as Error).message}`);
    }
  };
  if (running.gateway) await attempt('the gateway', running.gateway.stop);
  running.gateway = undefined;
  // Subgraphs first (no new work), then workers (let in-flight jobs finish), all in parallel per group.
  await Promise.all(running.servers.map((s) => attempt(`the ${s.name} subgraph`, s.process.stop)));
  running.servers = [];
  await Promise.all(running.workers.map((w) => attempt(`the ${w.name} worker`, w.process.stop)));
  running.workers = [];
  if (running.redis?.stop) await attempt('redis-server', running.redis.stop);
  running.redis = undefined;
  if (running.postgres) await attempt('embedded PostgreSQL', running.postgres.stop);
  running.postgres = undefined;
  return clean;
}
