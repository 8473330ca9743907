import type { RequestContext } from '@jianguan/platform';
import type { FilingLoaders } from './loaders';
import type { CommandDeps } from './commands/filing-state';

/** What every resolver receives (built per request by server.ts). */
export interface FilingContext extends RequestContext {
  deps: CommandDeps;
  loaders: FilingLoaders;
}
