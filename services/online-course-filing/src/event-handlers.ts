import type { EntityManager } from 'typeorm';
import type { EventEnvelope, EventHandlers } from '@jianguan/events';

/**
 * The local read model of institutions (kind, region, name), kept from the registry's events. Each
 * runs in the consumer's transaction after the inbox claimed the event, so redelivery changes nothing.
 */
export const filingEventHandlers: EventHandlers = {
  InstitutionRegistered: async (manager: EntityManager, envelope: EventEnvelope<'InstitutionRegistered'>) => {
    const { institutionId, name, creditCode, kind, category, regionCode } = envelope.payload;
    await manager.query(
      `INSERT INTO online_course_filing.known_institution (id, name, credit_code, region_code, kind, category, source)
       VALUES ($1, $2, $3, $4, $5, $6, 'EVENT')
       ON CONFLICT (id) DO UPDATE
         SET name = EXCLUDED.name, credit_code = EXCLUDED.credit_code, region_code = EXCLUDED.region_code,
             kind = EXCLUDED.kind, category = EXCLUDED.category, source = 'EVENT', updated_at = now()`,
      [institutionId, name, creditCode, regionCode, kind, category],
    );
  },
};
