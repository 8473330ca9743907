import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Claims } from './auth';
import { CreatedTimeColumn, GeneratedIdRow, TextColumn } from './columns';
import { writeAudit } from './audit';
import { conflict, notFound } from './errors';

/**
 * One home for how a stateful entity (an application, a filing, a rectification order) changes
 * status: a declared table of the statuses each transition may start from, a row lock so concurrent
 * changes queue up, and one save that writes the status-history row and the audit line with it.
 */
export interface TransitionTable<T extends string, S extends string> {
  /** The statuses each transition may start from. */
  readonly from: Readonly<Record<T, readonly S[]>>;
  /** The CONFLICT message when `transition` is refused from `status`. */
  readonly why: (transition: T, status: S) => string;
}

/** Why the transition is refused from this status, or null when the table allows it. */
export function refusal<T extends string, S extends string>(
  table: TransitionTable<T, S>,
  transition: T,
  status: S,
): string | null {
  return table.from[transition].includes(status) ? null : table.why(transition, status);
}

/** Throws the table's CONFLICT when the transition is refused from this status. */
export function requireTransition<T extends string, S extends string>(
  table: TransitionTable<T, S>,
  transition: T,
  status: S,
): void {
  const reason = refusal(table, transition, status);
  if (reason !== null) throw conflict(reason);
}

/**
 * A row lock: `pessimistic_write` (FOR UPDATE) for a change, `pessimistic_read` (FOR SHARE) to keep a
 * row from changing while others may read it too.
 */
export type RowLock = 'pessimistic_write' | 'pessimistic_read';

/** Locks the row for the rest of the transaction (SELECT … FOR UPDATE), or null when there is none. */
export async function lockByIdIfExists<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  id: string,
  lock: RowLock = 'pessimistic_write',
): Promise<E | null> {
  return manager
    .getRepository(entity)
    .createQueryBuilder('locked')
    .setLock(lock)
    .where('locked.id = :id', { id })
    .getOne();
}

/** Locks the row for the rest of the transaction; NOT_FOUND (`<notFoundLabel> not found`) without it. */
export async function lockById<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  id: string,
  notFoundLabel: string,
  lock: RowLock = 'pessimistic_write',
): Promise<E> {
  const row = await lockByIdIfExists(manager, entity, id, lock);
  if (!row) throw notFound(notFoundLabel);
  return row;
}

/**
 * The columns every status-history table has; a service's entity extends this and adds the column
 * naming what changed (application_id, filing_id), the way KnownInstitutionColumns does for the read
 * model.
 */
export abstract class StatusChangeColumns<S extends string> extends GeneratedIdRow {
  @TextColumn({ nullable: true })
  fromStatus: S | null;

  @TextColumn()
  toStatus: S;

  @TextColumn()
  actorId: string;

  @TextColumn()
  actorName: string;

  @TextColumn({ nullable: true })
  reason: string | null;

  @CreatedTimeColumn()
  at: Date;
}

export interface StatusChange<E extends { id: string; status: S }, S extends string> {
  /** The changed entity, saved by saveWithHistory. */
  entity: E;
  /** The audit snapshot taken before the change (null for a new entity). */
  before: object | null;
  /** The status before the change (null for a new entity). */
  from: S | null;
  actor: Pick<Claims, 'sub' | 'name'>;
  action: string;
  reason: string | null;
  requestId?: string;
  /**
   * The status-history table and the columns naming the entity, read from it once saved (a new
   * entity has its id only then): e.g. `(app) => ({ applicationId: app.id })`.
   */
  history: { Entity: EntityTarget<ObjectLiteral>; fields: (saved: E) => ObjectLiteral };
  /** The audit line's entity type and the snapshot it keeps (the entity's own fields by default). */
  audit: { entityType: string; snapshot?: (entity: E) => object };
}

/**
 * Saves the changed entity, then — when its status moved — the status-history row, and the audit line,
 * all with the caller's manager so they commit or roll back together.
 */
export async function saveWithHistory<E extends { id: string; status: S }, S extends string>(
  manager: EntityManager,
  change: StatusChange<E, S>,
): Promise<E> {
  const { entity, from, actor } = change;
  await manager.save(entity);
  if (from !== entity.status) {
    await manager.insert(change.history.Entity, {
      ...change.history.fields(entity),
      fromStatus: from,
      toStatus: entity.status,
      actorId: actor.sub,
      actorName: actor.name,
      reason: change.reason,
    });
  }
  await writeAudit(manager, {
    actor,
    action: change.action,
    entityType: change.audit.entityType,
    entityId: entity.id,
    before: change.before,
    after: (change.audit.snapshot ?? ((e: E) => ({ ...e })))(entity),
    requestId: change.requestId,
  });
  return entity;
}
