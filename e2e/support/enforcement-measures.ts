import { randomUUID } from 'node:crypto';
import type { EventPayloadInput } from '@jianguan/events';
import { QINGHAI } from '@jianguan/testing';
import type { eventDelivery } from './event-delivery';

type Deliver = ReturnType<typeof eventDelivery>['deliver'];
type PenaltyType = EventPayloadInput<'PenaltyImposed'>['penaltyType'];

/**
 * Enforcement's measures about one institution, as its relay would deliver them to another service:
 * penalties and their ends, orders and their confirmation, black-listing and removal from the list.
 * `delivery` is read at each call, so a test file may build these before its queue is open.
 */
export function enforcementMeasures(delivery: () => Deliver, regionCode: string) {
  const deliver: Deliver = (...args) => delivery()(...args);
  const impose = (institutionId: string, penaltyType: PenaltyType, penaltyId = randomUUID()) => {
    const decidedAt = '2026-11-02T02:00:00.000Z';
    return deliver('PenaltyImposed', {
      penaltyId,
      institutionId,
      regionCode,
      penaltyType,
      amountFen: null,
      description: '依据《校外培训行政处罚暂行办法》作出处罚',
      decidedAt,
    }).then(() => ({ penaltyId, decidedAt }));
  };
  const end = (institutionId: string, penaltyType: PenaltyType, penaltyId: string) =>
    deliver('PenaltyEnded', {
      penaltyId,
      institutionId,
      regionCode,
      penaltyType,
      endedAt: '2027-01-31T16:00:00.000Z',
    });
  const issueOrder = (institutionId: string, orderId: string) =>
    deliver('RectificationOrderIssued', {
      orderId,
      institutionId,
      regionCode,
      problems: [{ code: 'NO_PERMIT', description: '未取得办学许可证', field: null }],
      deadline: '2026-12-25T16:00:00.000Z',
      issuedAt: '2026-11-01T02:00:00.000Z',
    });
  const confirmOrder = (institutionId: string, orderId: string, late: boolean) =>
    deliver('RectificationConfirmed', {
      orderId,
      institutionId,
      regionCode,
      confirmedAt: '2027-01-05T02:00:00.000Z',
      late,
    });
  const blacklist = (institutionId: string, orderId: string | null) =>
    deliver('InstitutionBlacklisted', {
      institutionId,
      regionCode,
      reason: orderId ? 'RECTIFICATION_DEADLINE_MISSED' : 'UNLICENSED',
      orderId,
      trainingStopOrdered: false,
      blacklistedAt: '2026-12-26T01:00:00.000Z',
    });
  const removeFromBlacklist = (institutionId: string) =>
    deliver('InstitutionRemovedFromBlacklist', {
      institutionId,
      regionCode,
      reason: '已完成整改，经复查符合要求',
      decidedRegionCode: QINGHAI.chengdong,
      removedAt: '2027-01-10T02:00:00.000Z',
    });
  return { impose, end, issueOrder, confirmOrder, blacklist, removeFromBlacklist };
}
