import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Claims, Viewer } from './auth';
import type { PermissionName, Subject } from './permissions';
import { lockAuthorised } from './authorised-lock';
import { requireTransition, saveWithHistory, type StatusChange, type TransitionTable } from './state-machine';

/**
 * A stateful record as its commands change it, declared once per service: the entity and its
 * NOT_FOUND name, its transition table, and where its status history and audit lines go.
 */
export interface StatefulRecord<E extends { id: string; status: S }, S extends string, T extends string> {
  entity: EntityTarget<E>;
  what: string;
  transitions: TransitionTable<T, S>;
  history: StatusChange<E, S>['history'];
  audit: StatusChange<E, S>['audit'];
}

/** The audit snapshot of the record (its own fields unless the record says otherwise). */
export const snapshotOf = <E extends { id: string; status: S }, S extends string>(
  record: Pick<StatefulRecord<E, S, string>, 'audit'>,
  row: E,
): object => (record.audit.snapshot ?? ((e: E) => ({ ...e })))(row);

/**
 * One command step on a stateful record, in the caller's transaction: the row locked once the caller
 * may act on it with `permission`, the transition checked, `change` applied (it returns the reason
 * the history keeps), and the row saved with its history row and audit line as `action`.
 */
export async function statusStep<
  E extends ObjectLiteral & Subject & { id: string; status: S },
  S extends string,
  T extends string,
>(
  manager: EntityManager,
  viewer: Viewer,
  record: StatefulRecord<E, S, T>,
  step: { id: string; permission: PermissionName; transition: T; action: string; requestId: string },
  change: (row: E, actor: Claims) => Promise<string | null> | string | null,
): Promise<E> {
  const { row, actor } = await lockAuthorised(manager, viewer, step.permission, {
    entity: record.entity,
    id: step.id,
    what: record.what,
  });
  requireTransition(record.transitions, step.transition, row.status);
  const before = snapshotOf(record, row);
  const from = row.status;
  const reason = await change(row, actor);
  return saveWithHistory(manager, {
    entity: row,
    before,
    from,
    actor,
    action: step.action,
    reason,
    requestId: step.requestId,
    history: record.history,
    audit: record.audit,
  });
}

/**
 * The record's save for changes statusStep does not make (a creation, a worker's change, a step
 * that checks more before its transition): the row saved with its history row and audit line, in
 * the caller's transaction. `before` is the snapshot taken before the change (null for a new row).
 */
export const transitionSaver =
  <E extends { id: string; status: S }, S extends string, T extends string>(
    record: StatefulRecord<E, S, T>,
  ) =>
  (
    manager: EntityManager,
    entity: E,
    before: object | null,
    from: S | null,
    actor: Pick<Claims, 'sub' | 'name'>,
    action: string,
    reason: string | null,
    requestId?: string,
  ): Promise<E> =>
    saveWithHistory(manager, {
      entity,
      before,
      from,
      actor,
      action,
      reason,
      requestId,
      history: record.history,
      audit: record.audit,
    });
