/**
 * What `pnpm start` checks and says before and while starting: free ports, a stale supergraph, URLs
 * without their passwords, and why it failed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SUPERGRAPH_PATH } from '@jianguan/gateway';
import { federationServices } from '@jianguan/federation';
import { ConfigError } from '@jianguan/platform';
import { LauncherError, type LauncherEnv } from './dev-env';
import { isPortFree } from './dev-processes';

/** Before touching anything: the ports we are going to listen on must be free. */
export async function checkPorts(env: LauncherEnv) {
  const wanted = [
    { port: env.GATEWAY_PORT, what: 'the gateway' },
    ...federationServices.map((service) => ({
      port: service.defaultPort,
      what: `the ${service.name} subgraph`,
    })),
  ];
  const busy: string[] = [];
  for (const { port, what } of wanted) {
    if (!(await isPortFree(port, env.HOST))) busy.push(`${env.HOST}:${port} (${what})`);
  }
  if (busy.length > 0) {
    throw new LauncherError(
      `These ports are in use: ${busy.join(', ')}.\nIs another \`pnpm start\` running? Stop it first` +
        ' (or set GATEWAY_PORT for the gateway).',
    );
  }
}

/** Warns when gateway/supergraph.graphql (what deployments use) lags behind the subgraph schemas. */
export function warnIfCommittedSupergraphIsStale(composed: string, say: (message: string) => void) {
  const normalise = (sdl: string) =>
    sdl
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .join('\n')
      .replace(/url: "[^"]*"/g, 'url: ""')
      .trim();
  let committed: string;
  try {
    committed = fs.readFileSync(DEFAULT_SUPERGRAPH_PATH, 'utf8');
  } catch {
    say(
      `note: ${path.relative(process.cwd(), DEFAULT_SUPERGRAPH_PATH)} does not exist yet; run \`pnpm compose\``,
    );
    return;
  }
  if (normalise(committed) !== normalise(composed)) {
    say(
      `note: ${path.relative(process.cwd(), DEFAULT_SUPERGRAPH_PATH)} is out of date with the subgraph schemas ` +
        '(this launcher composes its own); run `pnpm compose`',
    );
  }
}

/** A connection URL as it may be printed: the password masked. */
export const maskPassword = (url: string) => {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
};

/** A failure as the user sees it: our own errors by their message, anything else with its stack. */
export function describe(error: unknown): string {
  if (error instanceof LauncherError || error instanceof ConfigError) return error.message;
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}
