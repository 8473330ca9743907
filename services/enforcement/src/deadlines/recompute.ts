import type { EntityManager } from 'typeorm';
import { beijingDeadlineText, readWorkingCalendar, type Claims } from '@jianguan/platform';
import { recordEvent } from '@jianguan/events';
import { ENFORCEMENT_SCHEMA } from '../data-source';
import { RectificationOrderEntity } from '../entities/rectification-order.entity';
import { regionAtLevel } from '../orders/order';
import { saveOrderChange, snapshot } from '../orders/order-store';
import { departmentRecipient, insertNotifications, institutionRecipient } from './notify';

/**
 * Recounts the provisional deadlines of OPEN orders that have not passed, after a year's holiday
 * schedule was loaded (the caller's transaction already holds the new copy). An order's deadline never
 * moves earlier than the one announced: the institution planned by it (信赖保护, 行政许可法第八条), so
 * an earlier count only makes it firm. Each change has its history line, RectificationOrderAmended
 * (DEADLINE_RECOMPUTED) and a notice to the institution and its county department. Returns the orders
 * whose deadline moved, for the caller to schedule.
 */
export async function recomputeProvisionalDeadlines(
  manager: EntityManager,
  actor: Pick<Claims, 'sub' | 'name'>,
  notice: string,
  step: string,
  at: Date,
): Promise<RectificationOrderEntity[]> {
  const calendar = await readWorkingCalendar(manager, ENFORCEMENT_SCHEMA);
  const orders = await manager
    .getRepository(RectificationOrderEntity)
    .createQueryBuilder('o')
    .setLock('pessimistic_write')
    .where(`o.deadline_provisional AND o.status = 'OPEN' AND o.deadline > :at`, { at })
    .andWhere('o.deadline_working_days IS NOT NULL')
    .orderBy('o.id')
    .getMany();
  const moved: RectificationOrderEntity[] = [];
  for (const order of orders) {
    const counted = calendar.deadline(order.deadlineSetAt, order.deadlineWorkingDays!);
    const deadline = counted.at > order.deadline ? counted.at : order.deadline;
    if (deadline.getTime() === order.deadline.getTime() && counted.provisional) continue;
    const before = snapshot(order);
    order.deadline = deadline;
    order.deadlineProvisional = counted.provisional;
    const change =
      deadline.getTime() === before.deadline.getTime()
        ? `整改期限 ${beijingDeadlineText(deadline)}（北京时间）不变，已按${notice}确定`
        : `整改期限 ${beijingDeadlineText(before.deadline)} → ${beijingDeadlineText(deadline)}（北京时间），依据${notice}重新计算`;
    await saveOrderChange(manager, order, before, actor, 'recomputeDeadline', change, undefined);
    await recordEvent(manager, 'enforcement', 'RectificationOrderAmended', {
      orderId: order.id,
      institutionId: order.institutionId,
      regionCode: order.regionCode,
      change: 'DEADLINE_RECOMPUTED',
      problems: order.problems,
      deadline: deadline.toISOString(),
      amendedAt: at.toISOString(),
    });
    await insertNotifications(manager, [
      {
        orderId: order.id,
        kind: 'DEADLINE_CHANGED',
        step: `${step}@${deadline.toISOString()}`,
        recipients: [
          institutionRecipient(order.institutionId),
          departmentRecipient(regionAtLevel(order.regionCode, 'COUNTY')),
        ],
        message: change,
      },
    ]);
    if (deadline.getTime() !== before.deadline.getTime()) moved.push(order);
  }
  return moved;
}
