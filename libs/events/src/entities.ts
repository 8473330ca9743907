import { InboxRecord } from './inbox';
import { OutboxEvent } from './outbox';

/** The entities every service's data source registers so recordEvent and claimEvent can use them. */
export const eventEntities = [OutboxEvent, InboxRecord];
