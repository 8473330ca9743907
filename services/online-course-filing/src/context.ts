import type { RequestContext } from '@jianguan/platform';
import { createLoaders, type FilingLoaders } from './loaders';
import type { CommandDeps } from './commands/filing-state';

export interface FilingContext extends RequestContext {
  deps: CommandDeps;
  loaders: FilingLoaders;
}

export const buildFilingContext =
  (deps: CommandDeps) =>
  (base: RequestContext): FilingContext => ({ ...base, deps, loaders: createLoaders(deps.dataSource) });
