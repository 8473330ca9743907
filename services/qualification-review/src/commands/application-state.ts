import type { DataSource, EntityManager } from 'typeorm';
import { conflict, forbidden, notFound, writeAudit, type Claims, type Viewer } from '@jianguan/platform';
import { ApplicationEntity } from '../entities/application.entity';
import { StatusChangeEntity } from '../entities/status-change.entity';
import { refusal, type ApplicationStatus, type Transition } from '../domain/status';
import type { ReviewConfig } from '../config';
import type { SlaScheduler } from '../sla/schedule';

/** What every command needs. */
export interface CommandDeps {
  dataSource: DataSource;
  config: ReviewConfig;
  sla: SlaScheduler;
}

export const DECIDE_SCOPE = 'review:decide';
export const READ_SCOPE = 'review:read';
/** Officials who file on an institution's behalf (e.g. a county's service window). */
export const SUBMIT_SCOPE = 'review:submit';
/** Who may act on the applicant's side without an institution claim. */
export const APPLICANT_SCOPES = [SUBMIT_SCOPE, DECIDE_SCOPE];

/** Locks the application row for the rest of the transaction, so concurrent changes queue up. */
export async function lockApplication(manager: EntityManager, id: string): Promise<ApplicationEntity> {
  const app = await manager
    .getRepository(ApplicationEntity)
    .createQueryBuilder('a')
    .setLock('pessimistic_write')
    .where('a.id = :id', { id })
    .getOne();
  if (!app) throw notFound('Qualification application');
  return app;
}

/** Reviewers act on applications of their own jurisdiction only. */
export function requireReviewer(viewer: Viewer, app: ApplicationEntity): Claims {
  const claims = viewer.requireScope(DECIDE_SCOPE);
  if (claims.institutionId || !viewer.covers(app.regionCode)) throw forbidden('Outside your jurisdiction');
  return claims;
}

/** The applicant side: a user of the institution itself, or an official filing for it in its region. */
export const requireApplicant = (
  viewer: Viewer,
  app: { institutionId: string; regionCode: string },
): Claims =>
  viewer.requireActingFor({ id: app.institutionId, regionCode: app.regionCode }, ...APPLICANT_SCOPES);

export function requireTransition(transition: Transition, app: ApplicationEntity): void {
  const reason = refusal(transition, app.status);
  if (reason) throw conflict(reason);
}

export const snapshot = (app: ApplicationEntity) => ({ ...app });

/**
 * Saves a changed application with its history row and audit line in the caller's transaction.
 * `before` is the snapshot taken before the change.
 */
export async function saveTransition(
  manager: EntityManager,
  app: ApplicationEntity,
  before: ReturnType<typeof snapshot> | null,
  from: ApplicationStatus | null,
  actor: Pick<Claims, 'sub' | 'name'>,
  action: string,
  reason: string | null,
  requestId?: string,
): Promise<ApplicationEntity> {
  await manager.save(app);
  if (from !== app.status) {
    await manager.insert(StatusChangeEntity, {
      applicationId: app.id,
      fromStatus: from,
      toStatus: app.status,
      actorId: actor.sub,
      actorName: actor.name,
      reason,
    });
  }
  await writeAudit(manager, {
    actor,
    action,
    entityType: 'QualificationApplication',
    entityId: app.id,
    before,
    after: snapshot(app),
    requestId,
  });
  return app;
}
