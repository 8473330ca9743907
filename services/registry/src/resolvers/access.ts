import { badInput, forbidden, type Viewer } from '@jianguan/platform';
import type { InstitutionEntity } from '../entities/institution.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requireUuid(field: string, value: string): string {
  if (!UUID.test(value)) throw badInput(field, `${field} must be an ID`);
  return value;
}

/** Reads need a signed-in caller whose jurisdiction covers the institution, or the institution itself. */
export function visibleInstitution(
  viewer: Viewer,
  institution: InstitutionEntity | null,
): InstitutionEntity | null {
  viewer.requireUser();
  if (institution && !viewer.canSeeInstitution(institution)) throw forbidden('Outside your jurisdiction');
  return institution;
}

/** Writes need the registry scope (or the grid workers' survey scope where said). */
export const WRITE_SCOPE = 'registry:write';
export const SURVEY_SCOPE = 'registry:survey';
