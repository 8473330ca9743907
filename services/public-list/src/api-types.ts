import type { ListingEntity } from './entities/listing.entity';
import type { ListingChangeEntity } from './entities/listing-change.entity';

/** The GraphQL shapes for officials, built from entities so storage columns (pinyin, bigrams) stay inside. */
export interface ListingNode {
  institutionId: string;
  list: string | null;
  reason: string | null;
  reasonCode: string | null;
  since: Date | null;
}

export const toListingNode = (l: ListingEntity): ListingNode => ({
  institutionId: l.institutionId,
  list: l.list,
  reason: l.reason,
  reasonCode: l.reasonCode,
  since: l.since,
});

export const toListingChangeNode = (c: ListingChangeEntity) => ({
  from: c.fromList,
  to: c.toList,
  reason: c.reason,
  reasonCode: c.reasonCode,
  causedBy: c.eventType,
  at: c.occurredAt,
});
