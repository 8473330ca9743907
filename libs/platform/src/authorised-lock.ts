import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Claims, Viewer } from './auth';
import { notFound } from './errors';
import { lockById, type RowLock } from './state-machine';
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
    mode?: RowLock;
  },
): Promise<LockedRow<E>> {
  viewer.require(permission);
  const repository = manager.getRepository(target.entity);
  const subject = ['id', 'regionCode', 'institutionId']
    .filter((property) => repository.metadata.findColumnWithPropertyName(property))
    .map((property) => `row.${property}`);
  const unlocked = await repository
    .createQueryBuilder('row')
    .select(subject)
    .where('row.id = :id', { id: target.id })
    .getOne();
  if (!unlocked) throw notFound(target.what);
  viewer.requireOn(permission, unlocked);
  const row = await lockById(manager, target.entity, target.id, target.what, target.mode);
  return { row, actor: viewer.requireOn(permission, row) };
}
