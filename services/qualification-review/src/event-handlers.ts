import { keepClassification, keepRegistration, type EventHandlers } from '@jianguan/events';
import { REVIEW_SCHEMA } from './data-source';

/**
 * The local read model of institutions (region, kind, category, last classification), kept from the
 * registry's events. Registered and Classified may arrive in either order, so each upserts only the
 * columns it knows; each runs in the consumer's transaction after the inbox claimed the event.
 */
export const reviewEventHandlers: EventHandlers = {
  InstitutionRegistered: keepRegistration(REVIEW_SCHEMA),
  InstitutionClassified: keepClassification(REVIEW_SCHEMA, (p) => ({ surveyFinding: p.surveyFinding })),
};
