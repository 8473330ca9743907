import type { RequestContext } from '@jianguan/platform';
import { createLoaders, type EnforcementLoaders } from './loaders';
import type { CommandDeps } from './command-deps';

export interface EnforcementContext extends RequestContext {
  deps: CommandDeps;
  loaders: EnforcementLoaders;
}

export const buildEnforcementContext =
  (deps: CommandDeps) =>
  (base: RequestContext): EnforcementContext => ({ ...base, deps, loaders: createLoaders(deps.dataSource) });
