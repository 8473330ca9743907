import { lockById, requireUuid, writeAudit, type Viewer } from '@jianguan/platform';
import type { CommandDeps } from '../command-deps';
import { NotificationEntity } from '../entities/notification.entity';
import { recipientOf, requireRecipient } from './recipients';

/** The recipient marks a notice read; marking it again changes nothing (the first time stands). */
export async function acknowledgeNotification(
  deps: CommandDeps,
  viewer: Viewer,
  id: string,
  requestId: string,
): Promise<NotificationEntity> {
  return deps.dataSource.transaction(async (manager) => {
    const notification = await lockById(manager, NotificationEntity, requireUuid('id', id), 'Notification');
    const actor = requireRecipient(viewer, recipientOf(notification.recipient));
    if (notification.acknowledgedAt) return notification;
    notification.acknowledgedAt = new Date();
    notification.acknowledgedByName = actor.name;
    await manager.save(notification);
    await writeAudit(manager, {
      actor,
      action: 'acknowledgeNotification',
      entityType: 'RectificationNotification',
      entityId: notification.id,
      before: null,
      after: { acknowledgedAt: notification.acknowledgedAt, acknowledgedByName: actor.name },
      requestId,
    });
    return notification;
  });
}
