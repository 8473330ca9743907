import type { EntityManager } from 'typeorm';
import type { Claims } from '@jianguan/platform';
import { recordEvent } from '@jianguan/events';
import { EscalationCaseEntity } from '../entities/escalation-case.entity';
import type { KnownInstitutionEntity } from '../entities/known-institution.entity';
import type { RectificationOrderEntity } from '../entities/rectification-order.entity';
import { saveOrderChange, snapshot } from './order-store';

/**
 * Confirms a locked order rectified, in time or late. Late (its deadline was missed): it is recorded
 * as late, its open escalation cases close with RECTIFIED_LATE and nothing escalates further (the
 * pending job finds it RECTIFIED); the black-listing stays until a removal decision (§9.2).
 */
export async function markRectified(
  manager: EntityManager,
  order: RectificationOrderEntity,
  actor: Pick<Claims, 'sub' | 'name'>,
  evidence: string,
  at: Date,
  requestId?: string,
): Promise<RectificationOrderEntity> {
  const before = snapshot(order);
  const late = order.status !== 'OPEN';
  order.status = 'RECTIFIED';
  order.rectifiedAt = at;
  order.rectifiedLate = late;
  order.evidence = evidence;
  order.respondBy = null;
  if (late) {
    await manager
      .createQueryBuilder()
      .update(EscalationCaseEntity)
      .set({ outcome: 'RECTIFIED_LATE', resolvedAt: at })
      .where('order_id = :id AND outcome IS NULL', { id: order.id })
      .execute();
  }
  const action = late ? 'confirmRectificationLate' : 'confirmRectification';
  await saveOrderChange(manager, order, before, actor, action, evidence, requestId);
  await recordEvent(manager, 'enforcement', 'RectificationConfirmed', {
    orderId: order.id,
    institutionId: order.institutionId,
    regionCode: order.regionCode,
    confirmedAt: at.toISOString(),
    late,
  });
  return order;
}

/**
 * The certificates an order asks for that the registry still reports missing (as last told by its
 * events): an order about them cannot be confirmed by hand until they are recorded.
 */
export function certificatesStillMissing(
  order: RectificationOrderEntity,
  institution: KnownInstitutionEntity,
): string[] {
  const missing = institution.missingLicences ?? [];
  const incomplete =
    institution.certificateStatus === 'INCOMPLETE' || institution.certificateStatus === 'NONE';
  const named = new Set<string>();
  for (const { code } of order.problems) {
    if (code.startsWith('MISSING_') && missing.includes(code.slice('MISSING_'.length))) {
      named.add(code.slice('MISSING_'.length));
    } else if (code === 'INCOMPLETE_CERTIFICATES' && incomplete) {
      missing.forEach((licence) => named.add(licence));
      if (missing.length === 0) named.add('证照');
    } else if (
      code === 'NOT_ON_NATIONAL_PLATFORM' &&
      (institution.onNationalPlatform === false || missing.includes('NATIONAL_PLATFORM'))
    ) {
      named.add('NATIONAL_PLATFORM');
    }
  }
  return [...named];
}
