import { badInput, forbidden, type Viewer } from '@jianguan/platform';
import type { FilingEntity } from '../entities/filing.entity';
import { READ_SCOPE, SCREEN_SCOPE, SUBMIT_SCOPE } from '../commands/filing-state';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requireUuid(field: string, value: string): string {
  if (!UUID.test(value)) throw badInput(field, `${field} must be an ID`);
  return value;
}

/** The institution's own users, or an official with a filing scope whose jurisdiction covers the filing. */
export const canSeeFiling = (viewer: Viewer, filing: FilingEntity) => {
  if (!viewer.canSeeInstitution({ id: filing.institutionId, regionCode: filing.regionCode })) return false;
  return (
    !!viewer.claims?.institutionId || [READ_SCOPE, SCREEN_SCOPE, SUBMIT_SCOPE].some((s) => viewer.hasScope(s))
  );
};

export function visibleFiling(viewer: Viewer, filing: FilingEntity | null): FilingEntity | null {
  viewer.requireUser();
  if (filing && !canSeeFiling(viewer, filing)) throw forbidden('Outside your jurisdiction');
  return filing;
}
