/**
 * Field shapes shared by the events of the catalogue (./catalogue.ts), so the same thing is checked
 * the same way in every event.
 */
import { z } from 'zod';
import { CERTIFICATE_STATUSES } from './vocabulary';

export const institutionId = z.uuid();
export const regionCode = z.string().regex(/^\d{2,12}$/, 'must be a 2–12 digit division code');
export const instant = z.iso.datetime({ offset: true });
export const text = z.string().min(1);

export const certificateStatus = z.enum(CERTIFICATE_STATUSES);
/** A problem to be fixed, as found in screening and as named in a rectification order. */
export const problem = z.object({
  code: text,
  description: text,
  /** The part of the filing it concerns, e.g. `courses.2.lessonMinutes`, when there is one. */
  field: z.string().min(1).nullable(),
});
