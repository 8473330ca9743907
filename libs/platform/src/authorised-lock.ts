import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Claims, Viewer } from './auth';
import { notFound } from './errors';
import type { PermissionName, Subject } from './permissions';

export interface LockedRow<E> {
  row: E;
  /** Who acts: the claims the permission was granted to. */
  actor: Claims;
}

/**
 * Locks one row for a command that acts on it, authorising first: the permission's scope, then
 * the row's region and institution read WITHOUT a lock, and only then `FOR UPDATE` (or `FOR SHARE`)
 * — so an official outside the row's jurisdiction is refused at once instead of queueing behind
 * another transaction's lock and holding the row while refused. Once locked the row is checked again,
 * in case its region changed in between. NOT_FOUND names `what` ("Rectification order not found").
 *
 * The row is a record of an institution (an `institutionId` column) or an institution's own row
 * (its `id`), with a `regionCode` (permissions.ts, `Subject`).
 */
export async function lockAuthorised<E extends ObjectLiteral & Subject>(
  manager: EntityManager,
  viewer: Viewer,
  permission: PermissionName,
  target: {
    entity: EntityTarget<E>;
    id: string;
    what: string;
    mode?: 'pessimistic_write' | 'pessimistic_read';
  },
): Promise<LockedRow<E>> {
  viewer.require(permission);
  const repository = manager.getRepository(target.entity);
  const byId = () => repository.createQueryBuilder('row').where('row.id = :id', { id: target.id });
  const subject = ['id', 'regionCode', 'institutionId']
    .filter((property) => repository.metadata.findColumnWithPropertyName(property))
    .map((property) => `row.${property}`);
  const unlocked = await byId().select(subject).getOne();
  if (!unlocked) throw notFound(target.what);
  viewer.requireOn(permission, unlocked);
  const row = await byId()
    .setLock(target.mode ?? 'pessimistic_write')
    .getOne();
  if (!row) throw notFound(target.what);
  return { row, actor: viewer.requireOn(permission, row) };
}
