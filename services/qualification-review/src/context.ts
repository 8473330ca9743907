import type { RequestContext } from '@jianguan/platform';
import { createLoaders, type ReviewLoaders } from './loaders';
import type { CommandDeps } from './commands/application-state';

export interface ReviewContext extends RequestContext {
  deps: CommandDeps;
  loaders: ReviewLoaders;
}

export const buildReviewContext =
  (deps: CommandDeps) =>
  (base: RequestContext): ReviewContext => ({ ...base, deps, loaders: createLoaders(deps.dataSource) });
