import type { DataSource, EntityManager } from 'typeorm';
import {
  lockAuthorised,
  requireTransition as requireTableTransition,
  saveWithHistory,
  type Claims,
  type LockedRow,
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

/**
 * Locks the application row for the rest of the transaction, so concurrent changes queue up, once
 * the caller may act on it: `review.decide` (reviewers of its jurisdiction) or `review.apply` (the
 * institution's users, officials filing for it). Authorised before the lock (libs/platform).
 */
export const lockApplication = (
  manager: EntityManager,
  viewer: Viewer,
  permission: 'review.decide' | 'review.apply',
  id: string,
): Promise<LockedRow<ApplicationEntity>> =>
  lockAuthorised(manager, viewer, permission, {
    entity: ApplicationEntity,
    id,
    what: 'Qualification application',
  });

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
