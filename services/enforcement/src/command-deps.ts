import type { DataSource } from 'typeorm';
import type { Claims, Viewer } from '@jianguan/platform';
import type { EnforcementConfig } from './config';
import type { DeadlineScheduler } from './deadlines/schedule';

/** What every command needs. */
export interface CommandDeps {
  dataSource: DataSource;
  config: EnforcementConfig;
  deadlines: DeadlineScheduler;
}

/** Officials with enforcement:write whose jurisdiction covers the region (`enforcement.act`). */
export const requireEnforcer = (viewer: Viewer, regionCode: string): Claims =>
  viewer.requireOn('enforcement.act', { regionCode });
