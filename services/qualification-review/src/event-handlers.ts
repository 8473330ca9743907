import type { EntityManager } from 'typeorm';
import type { EventEnvelope, EventHandlers } from '@jianguan/events';

/**
 * The local read model of institutions (region, kind, category, last classification), kept from the
 * registry's events. Registered and Classified may arrive in either order, so each upserts only the
 * columns it knows; each runs in the consumer's transaction after the inbox claimed the event.
 */
export const reviewEventHandlers: EventHandlers = {
  InstitutionRegistered: async (manager: EntityManager, envelope: EventEnvelope<'InstitutionRegistered'>) => {
    const { institutionId, name, kind, category, regionCode } = envelope.payload;
    await manager.query(
      `INSERT INTO qualification_review.known_institution (id, name, region_code, kind, category)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE
         SET name = EXCLUDED.name, region_code = EXCLUDED.region_code, kind = EXCLUDED.kind,
             category = EXCLUDED.category, updated_at = now()`,
      [institutionId, name, regionCode, kind, category],
    );
  },

  InstitutionClassified: async (manager: EntityManager, envelope: EventEnvelope<'InstitutionClassified'>) => {
    const { institutionId, regionCode, certificateStatus, missingLicences, surveyFinding } = envelope.payload;
    await manager.query(
      `INSERT INTO qualification_review.known_institution
              (id, region_code, certificate_status, missing_licences, survey_finding)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE
         SET region_code = EXCLUDED.region_code, certificate_status = EXCLUDED.certificate_status,
             missing_licences = EXCLUDED.missing_licences, survey_finding = EXCLUDED.survey_finding,
             updated_at = now()`,
      [institutionId, regionCode, certificateStatus, missingLicences, surveyFinding],
    );
  },
};
