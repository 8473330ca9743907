import {
  classifiedFields,
  keepKnownInstitution,
  registeredFields,
  type EventEnvelope,
  type EventHandlers,
} from '@jianguan/events';
import { REVIEW_SCHEMA } from './data-source';

/**
 * The local read model of institutions (region, kind, category, last classification), kept from the
 * registry's events. Registered and Classified may arrive in either order, so each upserts only the
 * columns it knows; each runs in the consumer's transaction after the inbox claimed the event.
 */
export const reviewEventHandlers: EventHandlers = {
  InstitutionRegistered: (manager, { payload }: EventEnvelope<'InstitutionRegistered'>) =>
    keepKnownInstitution(manager, REVIEW_SCHEMA, payload.institutionId, registeredFields(payload)),

  InstitutionClassified: (manager, { payload }: EventEnvelope<'InstitutionClassified'>) =>
    keepKnownInstitution(manager, REVIEW_SCHEMA, payload.institutionId, {
      ...classifiedFields(payload),
      surveyFinding: payload.surveyFinding,
    }),
};
