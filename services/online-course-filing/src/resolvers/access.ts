import { badInput, forbidden, type Viewer } from '@jianguan/platform';
import type { FilingEntity } from '../entities/filing.entity';
import { READ_SCOPE, SCREEN_SCOPE, SUBMIT_SCOPE } from '../commands/filing-state';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requireUuid(field: string, value: string): string {
  if (!UUID.test(value)) throw badInput(field, `${field} must be an ID`);
  return value;
}

const FILING_SCOPES = [READ_SCOPE, SCREEN_SCOPE, SUBMIT_SCOPE];

/** The institution's own users, or an official with a filing scope whose jurisdiction covers the filing. */
export const canSeeFiling = (viewer: Viewer, filing: FilingEntity) => {
  if (!viewer.canSeeInstitution({ id: filing.institutionId, regionCode: filing.regionCode })) return false;
  return !!viewer.claims?.institutionId || FILING_SCOPES.some((s) => viewer.hasScope(s));
};

/** The scope is checked before the filing is read, so a caller without one cannot tell ids apart. */
export function visibleFiling(viewer: Viewer, filing: () => Promise<FilingEntity | null>) {
  viewer.requireInstitutionUserOrScope(...FILING_SCOPES);
  return filing().then((found) => {
    if (found && !canSeeFiling(viewer, found)) throw forbidden('Outside your jurisdiction');
    return found;
  });
}
