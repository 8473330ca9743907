import type { EntityManager } from 'typeorm';
import { writeAudit } from '@jianguan/platform';
import type { EventEnvelope, EventHandlers } from '@jianguan/events';
import { LicenceEntity } from './entities/licence.entity';
import { applyLicence } from './commands/record-licence';
import { lockInstitution, snapshot } from './commands/institution-state';
import { trackRectificationOrder } from './commands/track-rectification';
import { shanghaiDay } from '@jianguan/platform';

/** Events act in the audit log as the department that decided. */
const systemActor = (envelope: EventEnvelope) => ({
  sub: `event:${envelope.id}`,
  name: `${envelope.producer} (event)`,
});

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

  /** Black-listing bans the institution and, when ordered, records that all training must stop. */
  InstitutionBlacklisted: async (
    manager: EntityManager,
    envelope: EventEnvelope<'InstitutionBlacklisted'>,
  ) => {
    const { institutionId, trainingStopOrdered, blacklistedAt } = envelope.payload;
    const institution = await lockInstitution(manager, institutionId);
    const before = snapshot(institution);
    institution.status = 'BANNED';
    if (trainingStopOrdered && !institution.trainingStopOrderedAt) {
      institution.trainingStopOrderedAt = new Date(blacklistedAt);
    }
    await manager.save(institution);
    await writeAudit(manager, {
      actor: systemActor(envelope),
      action: 'banInstitution',
      entityType: 'Institution',
      entityId: institution.id,
      before,
      after: snapshot(institution),
    });
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
