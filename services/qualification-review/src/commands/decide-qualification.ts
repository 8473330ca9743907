import { conflict, type Viewer } from '@jianguan/platform';
import { recordEvent } from '@jianguan/events';
import type { ApplicationEntity } from '../entities/application.entity';
import { PermitEntity } from '../entities/permit.entity';
import { checklistOf } from '../domain/materials';
import {
  lockApplication,
  requireTransition,
  saveTransition,
  snapshot,
  type CommandDeps,
} from './application-state';
import type { DecideInput } from './inputs';

/**
 * Approves or rejects. The row lock makes two simultaneous decisions queue: the second finds the
 * application decided and gets CONFLICT; `expectedVersion` also refuses a decision made on a stale read.
 * Approval issues the permit; either way the event is recorded in the same transaction.
 */
export async function decideQualification(
  deps: CommandDeps,
  viewer: Viewer,
  input: DecideInput,
  requestId: string,
): Promise<{ application: ApplicationEntity; permit: PermitEntity | null }> {
  return deps.dataSource.transaction(async (manager) => {
    const { row: app, actor } = await lockApplication(manager, viewer, 'review.decide', input.applicationId);
    if (input.expectedVersion != null && input.expectedVersion !== app.version) {
      throw conflict(
        `The application has changed since version ${input.expectedVersion} (now ${app.version})`,
      );
    }
    requireTransition('decide', app);
    if (input.decision === 'APPROVE') {
      const missing = checklistOf(app.type, app.materials).filter((item) => !item.provided);
      if (missing.length > 0) {
        throw conflict(`Required materials are missing: ${missing.map((m) => m.type).join(', ')}`);
      }
    }
    const before = snapshot(app);
    const now = new Date();
    app.status = input.decision === 'APPROVE' ? 'APPROVED' : 'REJECTED';
    app.decision = input.decision;
    app.decidedAt = now;
    app.reasons = input.reasons;
    app.reviewerId = actor.sub;
    app.reviewerName = actor.name;
    let permit: PermitEntity | null = null;
    if (input.decision === 'APPROVE') {
      const [{ serial }]: { serial: string }[] = await manager.query(
        `SELECT nextval('qualification_review.permit_serial') AS serial`,
      );
      // 教民 + county code + year + serial, as permits are numbered by the issuing county.
      const number = `教民${app.regionCode.slice(0, 6)}${now.getUTCFullYear()}${serial.padStart(7, '0')}`;
      permit = await manager.save(
        manager.create(PermitEntity, {
          applicationId: app.id,
          institutionId: app.institutionId,
          number,
          issuedAt: now,
        }),
      );
    }
    await saveTransition(
      manager,
      app,
      before,
      before.status,
      actor,
      'decideQualification',
      input.reasons.join('; ') || null,
      requestId,
    );
    if (permit) {
      await recordEvent(manager, 'qualification-review', 'QualificationApproved', {
        applicationId: app.id,
        institutionId: app.institutionId,
        regionCode: app.regionCode,
        track: app.track,
        permitId: permit.id,
        permitNumber: permit.number,
        decidedAt: now.toISOString(),
      });
    } else {
      await recordEvent(manager, 'qualification-review', 'QualificationRejected', {
        applicationId: app.id,
        institutionId: app.institutionId,
        regionCode: app.regionCode,
        track: app.track,
        reasons: input.reasons,
        decidedAt: now.toISOString(),
      });
    }
    return { application: app, permit };
  });
}
