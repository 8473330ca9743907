import type { RequestContext } from '@jianguan/platform';
import type { ReviewLoaders } from './loaders';
import type { CommandDeps } from './commands/application-state';

/** What every resolver receives (built per request by server.ts). */
export interface ReviewContext extends RequestContext {
  deps: CommandDeps;
  loaders: ReviewLoaders;
}
