import type { EntityManager } from 'typeorm';
import { penaltyEffect, type EventEnvelope, type EventHandlers } from '@jianguan/events';
import type { InstitutionEntity } from './entities/institution.entity';
import { LicenceEntity } from './entities/licence.entity';
import { applyLicence } from './commands/record-licence';
import { lockInstitution, snapshot } from './commands/institution-state';
import { trackRectificationOrder } from './commands/track-rectification';
import { rederiveStatus } from './commands/rederive-status';
import {
  blacklistSource,
  endBlacklistings,
  endRestriction,
  imposeRestriction,
  penaltySource,
} from './commands/track-restriction';
import { shanghaiDay } from '@jianguan/platform';

/** Events act in the audit log as the department that decided. */
const systemActor = (envelope: EventEnvelope) => ({
  sub: `event:${envelope.id}`,
  name: `${envelope.producer} (event)`,
});

/** The first order to stop all training is the one on record (停止培训). */
const recordTrainingStop = (institution: InstitutionEntity, at: string) => {
  institution.trainingStopOrderedAt ??= new Date(at);
};

/**
 * What the registry does with other departments' decisions. Each runs in the consumer's transaction,
 * after the inbox has claimed the event, so a redelivery changes nothing.
 */
export const registryEventHandlers: EventHandlers = {
  /** An approved qualification issues the school-running permit, which may complete the certificates. */
  QualificationApproved: async (manager: EntityManager, envelope: EventEnvelope<'QualificationApproved'>) => {
    const { institutionId, permitNumber, decidedAt } = envelope.payload;
    const institution = await lockInstitution(manager, institutionId);
    if (await manager.existsBy(LicenceEntity, { type: 'SCHOOL_PERMIT', number: permitNumber })) return;
    await applyLicence(
      manager,
      institution,
      {
        type: 'SCHOOL_PERMIT',
        number: permitNumber,
        issuedBy: '教育行政部门（资质审核）',
        issuedOn: shanghaiDay(new Date(decidedAt)),
        validUntil: null,
      },
      systemActor(envelope),
    );
  },

  /**
   * Black-listing bans the institution until it is removed from the list (a late rectification does
   * not lift it) and, when ordered, records that all training must stop.
   */
  InstitutionBlacklisted: async (
    manager: EntityManager,
    envelope: EventEnvelope<'InstitutionBlacklisted'>,
  ) => {
    const { institutionId, reason, orderId, trainingStopOrdered, blacklistedAt } = envelope.payload;
    const institution = await lockInstitution(manager, institutionId);
    const before = snapshot(institution);
    const source = blacklistSource(reason, orderId);
    await imposeRestriction(manager, { institutionId, source, status: 'BANNED' }, new Date(blacklistedAt));
    if (trainingStopOrdered) recordTrainingStop(institution, blacklistedAt);
    await rederiveStatus(manager, institution, {
      actor: systemActor(envelope),
      action: 'banInstitution',
      before,
    });
  },

  /** Lifts the ban of every black-listing; a penalty's ban stays until the penalty ends. */
  InstitutionRemovedFromBlacklist: async (
    manager: EntityManager,
    envelope: EventEnvelope<'InstitutionRemovedFromBlacklist'>,
  ) => {
    const { institutionId, removedAt } = envelope.payload;
    const institution = await lockInstitution(manager, institutionId);
    await endBlacklistings(manager, institutionId, new Date(removedAt));
    await rederiveStatus(manager, institution, {
      actor: systemActor(envelope),
      action: 'removeFromBlacklist',
    });
  },

  /** A penalty imposes the registry status its type names (PENALTY_EFFECTS) while it is in force. */
  PenaltyImposed: async (manager: EntityManager, envelope: EventEnvelope<'PenaltyImposed'>) => {
    const { penaltyId, institutionId, penaltyType, decidedAt } = envelope.payload;
    const effect = penaltyEffect(penaltyType);
    if (!effect.registryStatus && !effect.stopsTraining) return;
    const institution = await lockInstitution(manager, institutionId);
    const before = snapshot(institution);
    if (effect.registryStatus) {
      const restriction = { institutionId, source: penaltySource(penaltyId), status: effect.registryStatus };
      await imposeRestriction(manager, restriction, new Date(decidedAt));
    }
    if (effect.stopsTraining) recordTrainingStop(institution, decidedAt);
    await rederiveStatus(manager, institution, {
      actor: systemActor(envelope),
      action: 'applyPenalty',
      before,
    });
  },

  /** The end of a measure with a term; the status falls back once no other measure holds it. */
  PenaltyEnded: async (manager: EntityManager, envelope: EventEnvelope<'PenaltyEnded'>) => {
    const { penaltyId, institutionId, penaltyType, endedAt } = envelope.payload;
    const status = penaltyEffect(penaltyType).registryStatus;
    if (!status) return;
    const institution = await lockInstitution(manager, institutionId);
    await endRestriction(
      manager,
      { institutionId, source: penaltySource(penaltyId), status },
      new Date(endedAt),
    );
    await rederiveStatus(manager, institution, { actor: systemActor(envelope), action: 'endPenalty' });
  },

  /** An open order makes an active institution RECTIFYING until every order of it is confirmed. */
  RectificationOrderIssued: (manager: EntityManager, envelope: EventEnvelope<'RectificationOrderIssued'>) =>
    trackRectificationOrder(
      manager,
      { orderId: envelope.payload.orderId, institutionId: envelope.payload.institutionId, open: true },
      systemActor(envelope),
    ),

  RectificationConfirmed: (manager: EntityManager, envelope: EventEnvelope<'RectificationConfirmed'>) =>
    trackRectificationOrder(
      manager,
      { orderId: envelope.payload.orderId, institutionId: envelope.payload.institutionId, open: false },
      systemActor(envelope),
    ),
};
