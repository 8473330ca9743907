import type { DataSource, EntityManager } from 'typeorm';
import {
  lockAuthorised,
  requireTransition as requireTableTransition,
  statusStep,
  transitionSaver,
  type Claims,
  type LockedRow,
  type StatefulRecord,
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

/** Who may act on an application: reviewers of its jurisdiction, or its institution's side. */
type ApplicationPermission = 'review.decide' | 'review.apply';

/** The application as its commands change it; the audit keeps its own fields. */
const APPLICATION: StatefulRecord<ApplicationEntity, ApplicationStatus, Transition> = {
  entity: ApplicationEntity,
  what: 'Qualification application',
  transitions: APPLICATION_TRANSITIONS,
  history: { Entity: StatusChangeEntity, fields: (saved) => ({ applicationId: saved.id }) },
  audit: { entityType: 'QualificationApplication' },
};

/**
 * Locks the application row for the rest of the transaction, so concurrent changes queue up, once
 * the caller may act on it: `review.decide` (reviewers of its jurisdiction) or `review.apply` (the
 * institution's users, officials filing for it). Authorised before the lock (libs/platform).
 */
export const lockApplication = (
  manager: EntityManager,
  viewer: Viewer,
  permission: ApplicationPermission,
  id: string,
): Promise<LockedRow<ApplicationEntity>> =>
  lockAuthorised(manager, viewer, permission, { entity: ApplicationEntity, id, what: APPLICATION.what });

export const requireTransition = (transition: Transition, app: ApplicationEntity): void =>
  requireTableTransition(APPLICATION_TRANSITIONS, transition, app.status);

export const snapshot = (app: ApplicationEntity) => ({ ...app });

/** Saves a changed application with its history row and audit line in the caller's transaction. */
export const saveTransition = transitionSaver(APPLICATION);

/** One step on an application, in one transaction (statusStep), as `permission` allows. */
export function applicationStep(
  deps: CommandDeps,
  viewer: Viewer,
  step: {
    applicationId: string;
    permission: ApplicationPermission;
    transition: Transition;
    action: string;
    requestId: string;
  },
  change: (app: ApplicationEntity, actor: Claims) => string | null,
): Promise<ApplicationEntity> {
  const { applicationId: id, ...rest } = step;
  return deps.dataSource.transaction((manager) =>
    statusStep(manager, viewer, APPLICATION, { id, ...rest }, change),
  );
}
