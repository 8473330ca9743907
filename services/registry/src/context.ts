import type { DataSource } from 'typeorm';
import type { RequestContext } from '@jianguan/platform';
import { createLoaders, type RegistryLoaders } from './loaders';

export interface RegistryContext extends RequestContext {
  dataSource: DataSource;
  loaders: RegistryLoaders;
}

export const buildRegistryContext =
  (dataSource: DataSource) =>
  (base: RequestContext): RegistryContext => ({ ...base, dataSource, loaders: createLoaders(dataSource) });
