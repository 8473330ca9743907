import type { RequestContext } from '@jianguan/platform';
import type { EnforcementLoaders } from './loaders';
import type { CommandDeps } from './command-deps';

/** What every resolver receives (built per request by server.ts). */
export interface EnforcementContext extends RequestContext {
  deps: CommandDeps;
  loaders: EnforcementLoaders;
}
