import type { DataSource } from 'typeorm';
import { lockByIdIfExists, writeAudit } from '@jianguan/platform';
import { penaltyEffect, recordEvent } from '@jianguan/events';
import { PenaltyEntity } from '../entities/penalty.entity';
import { endPenaltyBlacklisting } from '../blacklist/entries';
import { NotDueYet } from '../deadlines/process';

const MEASURE_CLOCK = { sub: 'system:enforcement-deadlines', name: '处罚期限届满' };

/**
 * Ends a measure whose term ran out (its MEASURE_END job): PenaltyEnded tells the registry to lift the
 * status it imposed, and a pause leaves the black list with it. Under the penalty's row lock, a job
 * for an end date that no longer applies, or run twice, does nothing.
 */
export async function endMeasure(
  dataSource: DataSource,
  job: { penaltyId: string; endsAt: string },
  now = new Date(),
): Promise<'ENDED' | 'STALE'> {
  return dataSource.transaction(async (manager) => {
    const penalty = await lockByIdIfExists(manager, PenaltyEntity, job.penaltyId);
    if (!penalty || penalty.endedAt || penalty.endsAt?.getTime() !== Date.parse(job.endsAt)) return 'STALE';
    if (now.getTime() < penalty.endsAt.getTime()) throw new NotDueYet(`measure ${penalty.id} not yet ended`);
    const before = { ...penalty };
    penalty.endedAt = now;
    await manager.save(penalty);
    if (penaltyEffect(penalty.type).endsListingByItself)
      await endPenaltyBlacklisting(manager, penalty.id, now);
    await writeAudit(manager, {
      actor: MEASURE_CLOCK,
      action: 'endMeasure',
      entityType: 'Penalty',
      entityId: penalty.id,
      before,
      after: { ...penalty },
    });
    await recordEvent(manager, 'enforcement', 'PenaltyEnded', {
      penaltyId: penalty.id,
      institutionId: penalty.institutionId,
      regionCode: penalty.regionCode,
      penaltyType: penalty.type,
      endedAt: now.toISOString(),
    });
    return 'ENDED';
  });
}
