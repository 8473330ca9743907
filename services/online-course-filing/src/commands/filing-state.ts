import type { DataSource, EntityManager } from 'typeorm';
import {
  lockAuthorised,
  lockById,
  maskPhone,
  requireTransition as requireTableTransition,
  saveWithHistory,
  type Claims,
  type LockedRow,
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

/** Locks a filing found through its institution, whose row the caller has locked and been authorised on. */
export const lockFiling = (manager: EntityManager, id: string): Promise<FilingEntity> =>
  lockById(manager, FilingEntity, id, 'Online filing');

export const requireTransition = (transition: Transition, filing: FilingEntity): void =>
  requireTableTransition(FILING_TRANSITIONS, transition, filing.status);

/**
 * The audit snapshot: the filing row without personal data — personnel live in their own table, and
 * the contact phone is kept masked, as a reader without the screening scope sees it.
 */
export const snapshot = (filing: FilingEntity) => ({
  ...filing,
  institutionInfo: {
    ...filing.institutionInfo,
    contactPhone: filing.institutionInfo.contactPhone && maskPhone(filing.institutionInfo.contactPhone),
  },
});

/** Saves a changed filing with its history row and audit line in the caller's transaction. */
export async function saveTransition(
  manager: EntityManager,
  filing: FilingEntity,
  before: ReturnType<typeof snapshot> | null,
  from: FilingStatus | null,
  actor: Pick<Claims, 'sub' | 'name'>,
  action: string,
  reason: string | null,
  requestId?: string,
): Promise<FilingEntity> {
  return saveWithHistory(manager, {
    entity: filing,
    before,
    from,
    actor,
    action,
    reason,
    requestId,
    history: { Entity: StatusChangeEntity, fields: (saved) => ({ filingId: saved.id }) },
    audit: { entityType: 'OnlineFiling', snapshot },
  });
}

/**
 * Locks the filing row for the rest of the transaction, so concurrent changes queue up, once a
 * screening officer of its jurisdiction may act on it (authorised before the lock, libs/platform).
 */
const lockFilingToScreen = (
  manager: EntityManager,
  viewer: Viewer,
  id: string,
): Promise<LockedRow<FilingEntity>> =>
  lockAuthorised(manager, viewer, 'filing.screen', { entity: FilingEntity, id, what: 'Online filing' });

/**
 * A screening officer's step on one filing, in one transaction: locks it, checks the transition,
 * lets `change` move it (returning the reason its history row records) and saves it with history and
 * audit line.
 */
export function screeningStep(
  deps: CommandDeps,
  viewer: Viewer,
  { filingId, transition, action, requestId }: ScreeningStep,
  change: (manager: EntityManager, filing: FilingEntity, actor: Claims) => Promise<string | null>,
): Promise<FilingEntity> {
  return deps.dataSource.transaction(async (manager) => {
    const { row: filing, actor } = await lockFilingToScreen(manager, viewer, filingId);
    requireTransition(transition, filing);
    const before = snapshot(filing);
    const from = filing.status;
    const reason = await change(manager, filing, actor);
    return saveTransition(manager, filing, before, from, actor, action, reason, requestId);
  });
}

interface ScreeningStep {
  filingId: string;
  transition: Transition;
  /** The GraphQL mutation, as the audit line names it. */
  action: string;
  requestId: string;
}
