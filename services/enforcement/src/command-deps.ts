import type { DataSource } from 'typeorm';
import { forbidden, type Claims, type Viewer } from '@jianguan/platform';
import type { EnforcementConfig } from './config';
import type { DeadlineScheduler } from './deadlines/schedule';

/** What every command needs. */
export interface CommandDeps {
  dataSource: DataSource;
  config: EnforcementConfig;
  deadlines: DeadlineScheduler;
}

export const WRITE_SCOPE = 'enforcement:write';
export const READ_SCOPE = 'enforcement:read';
export const DISCIPLINE_SCOPE = 'discipline:read';

/** Officials with enforcement:write whose jurisdiction covers the order's region. */
export function requireEnforcer(viewer: Viewer, regionCode: string): Claims {
  const claims = viewer.requireScope(WRITE_SCOPE);
  if (claims.institutionId || !viewer.covers(regionCode)) throw forbidden('Outside your jurisdiction');
  return claims;
}
