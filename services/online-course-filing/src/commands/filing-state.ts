import type { DataSource, EntityManager } from 'typeorm';
import {
  lockById,
  maskPhone,
  requireTransition as requireTableTransition,
  snapshotOf,
  statusStep,
  transitionSaver,
  type Claims,
  type StatefulRecord,
  type Viewer,
} from '@jianguan/platform';
import { FilingEntity } from '../entities/filing.entity';
import { StatusChangeEntity } from '../entities/status-change.entity';
import { FILING_TRANSITIONS, type Transition } from '../domain/status';
import type { FilingStatus } from '../domain/types';
import type { FilingConfig } from '../config';

/** What every command needs. */
export interface CommandDeps {
  dataSource: DataSource;
  config: FilingConfig;
}

export const PRODUCER = 'online-course-filing' as const;

/**
 * The filing as its commands change it. The audit snapshot leaves out personal data: personnel live
 * in their own table, and the contact phone is kept masked, as a reader without the screening scope
 * sees it.
 */
const FILING: StatefulRecord<FilingEntity, FilingStatus, Transition> = {
  entity: FilingEntity,
  what: 'Online filing',
  transitions: FILING_TRANSITIONS,
  history: { Entity: StatusChangeEntity, fields: (saved) => ({ filingId: saved.id }) },
  audit: {
    entityType: 'OnlineFiling',
    snapshot: (filing) => ({
      ...filing,
      institutionInfo: {
        ...filing.institutionInfo,
        contactPhone: filing.institutionInfo.contactPhone && maskPhone(filing.institutionInfo.contactPhone),
      },
    }),
  },
};

/** Locks a filing found through its institution, whose row the caller has locked and been authorised on. */
export const lockFiling = (manager: EntityManager, id: string): Promise<FilingEntity> =>
  lockById(manager, FilingEntity, id, FILING.what);

export const requireTransition = (transition: Transition, filing: FilingEntity): void =>
  requireTableTransition(FILING_TRANSITIONS, transition, filing.status);

export const snapshot = (filing: FilingEntity) => snapshotOf(FILING, filing);

/** Saves a changed filing with its history row and audit line in the caller's transaction. */
export const saveTransition = transitionSaver(FILING);

/**
 * A screening officer's step on one filing, in one transaction (statusStep): the row locked once an
 * officer of its jurisdiction may act on it, so concurrent changes queue up.
 */
export function screeningStep(
  deps: CommandDeps,
  viewer: Viewer,
  step: { filingId: string; transition: Transition; action: string; requestId: string },
  change: (manager: EntityManager, filing: FilingEntity, actor: Claims) => Promise<string | null>,
): Promise<FilingEntity> {
  const { filingId: id, ...rest } = step;
  return deps.dataSource.transaction((manager) =>
    statusStep(manager, viewer, FILING, { id, permission: 'filing.screen', ...rest }, (filing, actor) =>
      change(manager, filing, actor),
    ),
  );
}
