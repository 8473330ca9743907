import { apiNode } from '@jianguan/platform';
import type { ListingEntity } from './entities/listing.entity';
import type { ListingChangeEntity } from './entities/listing-change.entity';

/** The GraphQL shapes for officials, built from entities so storage columns (pinyin, bigrams) stay inside. */
export const toListingNode = apiNode<ListingEntity>()(['institutionId list reason reasonCode since']);
export type ListingNode = ReturnType<typeof toListingNode>;

export const toListingChangeNode = apiNode<ListingChangeEntity>()(['reason reasonCode'], (c) => ({
  from: c.fromList,
  to: c.toList,
  causedBy: c.eventType,
  at: c.occurredAt,
}));
