import type { DataSource } from 'typeorm';
import type { RequestContext } from '@jianguan/platform';
import type { RegistryLoaders } from './loaders';

/** What every resolver receives (built per request by server.ts). */
export interface RegistryContext extends RequestContext {
  dataSource: DataSource;
  loaders: RegistryLoaders;
}
