import type { DataSource, EntityManager } from 'typeorm';
import {
  forbidden,
  lockById,
  requireTransition as requireTableTransition,
  saveWithHistory,
  type Claims,
  type Viewer,
} from '@jianguan/platform';
import { ApplicationEntity } from '../entities/application.entity';
import { StatusChangeEntity } from '../entities/status-change.entity';
import { APPLICATION_TRANSITIONS, type ApplicationStatus, type Transition } from '../domain/status';
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
export const lockApplication = (manager: EntityManager, id: string): Promise<ApplicationEntity> =>
  lockById(manager, ApplicationEntity, id, 'Qualification application');

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

export const requireTransition = (transition: Transition, app: ApplicationEntity): void =>
  requireTableTransition(APPLICATION_TRANSITIONS, transition, app.status);

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
  return saveWithHistory(manager, {
    entity: app,
    before,
    from,
    actor,
    action,
    reason,
    requestId,
    history: { Entity: StatusChangeEntity, fields: (saved) => ({ applicationId: saved.id }) },
    audit: { entityType: 'QualificationApplication', snapshot },
  });
}
