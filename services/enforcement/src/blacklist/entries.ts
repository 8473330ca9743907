import type { EntityManager } from 'typeorm';
import { conflict, deadlineDay, forbidden, regionCovers, writeAudit, type Viewer } from '@jianguan/platform';
import { penaltyEffect, recordEvent } from '@jianguan/events';
import type { CommandDeps } from '../command-deps';
import { lockInstitutionToEnforce } from '../orders/order-store';
import type { PenaltyType } from '../entities/penalty.entity';

/** One reason an institution is on the black list (docs/design.md §9.2). */
export interface Blacklisting {
  institutionId: string;
  reason: string;
  orderId: string | null;
  penaltyId: string | null;
  /** Jurisdiction of whoever black-listed it: that level or above may remove it. */
  listedByRegionCode: string;
  listedAt: Date;
}

/** Records black-listings in the caller's transaction, once per order or penalty however often called. */
export async function recordBlacklistings(manager: EntityManager, entries: Blacklisting[]): Promise<void> {
  if (entries.length === 0) return;
  await manager.query(
    `INSERT INTO enforcement.blacklist_entry
       (institution_id, reason, order_id, penalty_id, listed_by_region_code, listed_at)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::timestamptz[])
     ON CONFLICT DO NOTHING`,
    [
      entries.map((e) => e.institutionId),
      entries.map((e) => e.reason),
      entries.map((e) => e.orderId),
      entries.map((e) => e.penaltyId),
      entries.map((e) => e.listedByRegionCode),
      entries.map((e) => e.listedAt),
    ],
  );
}

/** A pause that ran its term leaves the black list by itself (PENALTY_EFFECTS.endsListingByItself). */
export async function endPenaltyBlacklisting(manager: EntityManager, penaltyId: string, at: Date) {
  await manager.query(
    `UPDATE enforcement.blacklist_entry SET removed_at = $2, removed_by_name = '期满自动解除',
            removal_reason = '措施期限届满'
      WHERE penalty_id = $1 AND removed_at IS NULL`,
    [penaltyId, at],
  );
}

interface EntryInForce {
  id: string;
  reason: string;
  listed_by_region_code: string;
  order_status: string | null;
  penalty_type: PenaltyType | null;
  penalty_ends_at: Date | null;
  penalty_ended_at: Date | null;
}

/** Why an entry cannot be removed yet, in the words the official reads; null when it can. */
function blockerOf(entry: EntryInForce): string | null {
  if (entry.order_status && entry.order_status !== 'RECTIFIED' && entry.order_status !== 'CLOSED') {
    return '逾期未整改的整改通知尚未确认整改到位';
  }
  if (entry.penalty_type && !entry.penalty_ended_at) {
    const { label } = penaltyEffect(entry.penalty_type);
    return entry.penalty_ends_at
      ? `${label}期限至 ${deadlineDay(entry.penalty_ends_at)}，尚未届满`
      : `${label}无期限，不能移出黑名单`;
  }
  return null;
}

export interface RemovalInput {
  institutionId: string;
  reason: string;
}

/**
 * Takes an institution off the black list by decision: every entry in force must be lifted (its order
 * rectified or closed, its measure ended) and the official's jurisdiction must be the black-listing
 * level or above. Registry and public-list follow from InstitutionRemovedFromBlacklist.
 */
export async function removeFromBlacklist(
  deps: CommandDeps,
  viewer: Viewer,
  input: RemovalInput,
  requestId: string,
): Promise<{ institutionId: string; removed: number; removedAt: Date }> {
  return deps.dataSource.transaction(async (manager) => {
    const { row: institution, actor } = await lockInstitutionToEnforce(manager, viewer, input.institutionId);
    const entries: EntryInForce[] = await manager.query(
      `SELECT e.id, e.reason, e.listed_by_region_code, o.status AS order_status, p.type AS penalty_type,
              p.ends_at AS penalty_ends_at, p.ended_at AS penalty_ended_at
         FROM enforcement.blacklist_entry e
         LEFT JOIN enforcement.rectification_order o ON o.id = e.order_id
         LEFT JOIN enforcement.penalty p ON p.id = e.penalty_id
        WHERE e.institution_id = $1 AND e.removed_at IS NULL`,
      [institution.id],
    );
    if (entries.length === 0) throw conflict('该机构不在黑名单上');
    const above = entries.find((e) => !regionCovers(actor.regionCode, e.listed_by_region_code));
    if (above) throw forbidden(`移出黑名单须由列入黑名单的 ${above.listed_by_region_code} 级或其上级决定`);
    const blockers = entries.map(blockerOf).filter((b): b is string => b !== null);
    if (blockers.length > 0) throw conflict(`不能移出黑名单：${[...new Set(blockers)].join('；')}`);
    const now = new Date();
    await manager.query(
      `UPDATE enforcement.blacklist_entry
          SET removed_at = $2, removed_by_name = $3, removal_reason = $4
        WHERE id = ANY($1::uuid[])`,
      [entries.map((e) => e.id), now, actor.name, input.reason],
    );
    await writeAudit(manager, {
      actor,
      action: 'removeFromBlacklist',
      entityType: 'Institution',
      entityId: institution.id,
      before: { blacklistEntries: entries.map((e) => e.id) },
      after: { removedAt: now.toISOString(), reason: input.reason },
      requestId,
    });
    await recordEvent(manager, 'enforcement', 'InstitutionRemovedFromBlacklist', {
      institutionId: institution.id,
      regionCode: institution.regionCode,
      reason: input.reason,
      decidedRegionCode: actor.regionCode,
      removedAt: now.toISOString(),
    });
    return { institutionId: institution.id, removed: entries.length, removedAt: now };
  });
}
