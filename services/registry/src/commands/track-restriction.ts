import type { EntityManager } from 'typeorm';
import type { RestrictionStatus } from '../domain/institution-status';

/**
 * The registry's record of the measures in force (registry.restriction). Every statement is
 * idempotent, and an end that arrives before its measure leaves the measure ended; the caller holds
 * the institution's lock and re-derives the status afterwards.
 */
export interface Restriction {
  institutionId: string;
  /** `penalty:<id>`, `blacklist:order:<orderId>` or `blacklist:<reason>`. */
  source: string;
  status: RestrictionStatus;
}

export const penaltySource = (penaltyId: string) => `penalty:${penaltyId}`;

/** A missed deadline is a black-listing of its own per order; the other reasons one per reason. */
export const blacklistSource = (reason: string, orderId: string | null) =>
  orderId ? `blacklist:order:${orderId}` : `blacklist:${reason}`;

/**
 * A measure comes into force, unless it already ended. A black-listing is lifted by any removal
 * decided at or after it, whichever arrived first; one for the same reason again after a removal
 * (a source that ended before this one began) is in force again.
 */
export async function imposeRestriction(manager: EntityManager, restriction: Restriction, at: Date) {
  await manager.query(
    `WITH removal AS (
       SELECT max(removed_at) AS at FROM registry.blacklist_removal
        WHERE institution_id = $1 AND $2 LIKE 'blacklist:%' AND removed_at >= $4
     )
     INSERT INTO registry.restriction (institution_id, source, status, active, imposed_at, ended_at)
     SELECT $1, $2, $3, removal.at IS NULL, $4, removal.at FROM removal
     ON CONFLICT (institution_id, source) DO UPDATE
        SET active = restriction.active OR (restriction.ended_at < EXCLUDED.imposed_at AND EXCLUDED.active),
            ended_at = CASE WHEN restriction.ended_at < EXCLUDED.imposed_at THEN EXCLUDED.ended_at
                            ELSE restriction.ended_at END,
            imposed_at = CASE WHEN restriction.ended_at < EXCLUDED.imposed_at OR restriction.imposed_at IS NULL
                              THEN EXCLUDED.imposed_at ELSE restriction.imposed_at END`,
    [restriction.institutionId, restriction.source, restriction.status, at],
  );
}

/** A measure ends; recorded even before its "imposed" arrives, so that one finds it ended. */
export async function endRestriction(manager: EntityManager, restriction: Restriction, at: Date) {
  await manager.query(
    `INSERT INTO registry.restriction (institution_id, source, status, active, ended_at)
     VALUES ($1, $2, $3, false, $4)
     ON CONFLICT (institution_id, source) DO UPDATE
        SET active = false, ended_at = COALESCE(restriction.ended_at, EXCLUDED.ended_at)`,
    [restriction.institutionId, restriction.source, restriction.status, at],
  );
}

/**
 * A removal from the black list ends every black-listing of the institution imposed up to the
 * decision, and is kept for those that arrive after it; penalties stay until they end (PenaltyEnded).
 */
export async function endBlacklistings(manager: EntityManager, institutionId: string, at: Date) {
  await manager.query(
    `INSERT INTO registry.blacklist_removal (institution_id, removed_at) VALUES ($1, $2)
     ON CONFLICT (institution_id) DO UPDATE SET removed_at = GREATEST(blacklist_removal.removed_at, $2)`,
    [institutionId, at],
  );
  await manager.query(
    `UPDATE registry.restriction SET active = false, ended_at = $2
      WHERE institution_id = $1 AND source LIKE 'blacklist:%' AND active
        AND (imposed_at IS NULL OR imposed_at <= $2)`,
    [institutionId, at],
  );
}
