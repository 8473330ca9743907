import { keepRegistration, type EventHandlers } from '@jianguan/events';
import { FILING_SCHEMA } from './data-source';

/**
 * The local read model of institutions (kind, region, name, credit code), kept from the registry's
 * events. Each runs in the consumer's transaction after the inbox claimed the event, so redelivery
 * changes nothing. The registry's word replaces what an imported filing said (source EVENT).
 */
export const filingEventHandlers: EventHandlers = {
  InstitutionRegistered: keepRegistration(FILING_SCHEMA, (p) => ({
    creditCode: p.creditCode,
    source: 'EVENT',
  })),
};
