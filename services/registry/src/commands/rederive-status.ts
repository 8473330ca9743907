import type { EntityManager } from 'typeorm';
import type { AuditEntry } from '@jianguan/platform';
import type { InstitutionEntity } from '../entities/institution.entity';
import {
  deriveInstitutionStatus,
  type RestrictionStatus,
  type StatusFacts,
} from '../domain/institution-status';
import { auditInstitution, snapshot } from './institution-state';

/**
 * What the status is derived from, as recorded now. The survey's verdict is the latest survey's
 * finding; an institution without one is closed only if it already is (e.g. a status set by hand
 * before surveys were kept).
 */
export async function statusFacts(
  manager: EntityManager,
  institution: InstitutionEntity,
): Promise<StatusFacts> {
  const [facts]: { restrictions: RestrictionStatus[]; open_orders: number; finding: string | null }[] =
    await manager.query(
      `SELECT ARRAY(SELECT status FROM registry.restriction WHERE institution_id = $1 AND active) AS restrictions,
              (SELECT count(*)::int FROM registry.rectification_order WHERE institution_id = $1 AND open) AS open_orders,
              (SELECT finding FROM registry.survey_record WHERE institution_id = $1
                ORDER BY surveyed_at DESC, recorded_at DESC LIMIT 1) AS finding`,
      [institution.id],
    );
  return {
    closedBySurvey: facts.finding === null ? institution.status === 'CLOSED' : facts.finding !== 'OPERATING',
    restrictions: facts.restrictions,
    openOrders: facts.open_orders,
  };
}

/**
 * Re-derives the status of a locked institution after one of its facts changed, and saves it with an
 * audit line when it (or anything the caller changed since `before`) differs.
 */
export async function rederiveStatus(
  manager: EntityManager,
  institution: InstitutionEntity,
  change: { actor: AuditEntry['actor']; action: string; before?: ReturnType<typeof snapshot> },
): Promise<void> {
  const before = change.before ?? snapshot(institution);
  institution.status = deriveInstitutionStatus(await statusFacts(manager, institution));
  const stopChanged =
    before.trainingStopOrderedAt?.getTime() !== institution.trainingStopOrderedAt?.getTime();
  if (institution.status === before.status && !stopChanged) return;
  await manager.save(institution);
  await auditInstitution(manager, institution, { actor: change.actor, action: change.action, before });
}
