import {
  badInput,
  beijingDeadlineText,
  conflict,
  readWorkingCalendar,
  type Viewer,
} from '@jianguan/platform';
import { ENFORCEMENT_SCHEMA } from '../data-source';
import { recordEvent } from '@jianguan/events';
import type { RectificationOrderEntity } from '../entities/rectification-order.entity';
import { EnforcementActionEntity } from '../entities/enforcement-action.entity';
import { EscalationCaseEntity } from '../entities/escalation-case.entity';
import { KnownInstitutionEntity } from '../entities/known-institution.entity';
import { certificatesStillMissing, markRectified } from './rectify';
import type { CommandDeps } from '../command-deps';
import { lockOrderToEnforce, saveOrderChange, snapshot } from './order-store';
import { requireOrderTransition } from './transitions';
import { resolveDeadline } from '../deadlines/resolve-deadline';
import type { ActionInput, ConfirmInput, ExtendInput } from '../inputs';

/**
 * Confirms the rectification with evidence, in time or late (an OVERDUE or ESCALATED order); the
 * scheduled jobs then find the order RECTIFIED and do nothing. Certificates the registry still reports
 * missing cannot be confirmed by hand: recording them confirms the order by itself.
 */
export async function confirmRectification(
  deps: CommandDeps,
  viewer: Viewer,
  input: ConfirmInput,
  requestId: string,
): Promise<RectificationOrderEntity> {
  return deps.dataSource.transaction(async (manager) => {
    const { row: order, actor } = await lockOrderToEnforce(manager, viewer, input.orderId);
    requireOrderTransition('confirm', order);
    const institution = await manager.findOneByOrFail(KnownInstitutionEntity, { id: order.institutionId });
    const missing = certificatesStillMissing(order, institution);
    if (missing.length > 0) {
      throw conflict(`登记部门记录该机构仍缺少证照：${missing.join('、')}；证照登记后整改通知将自动确认`);
    }
    return markRectified(manager, order, actor, input.evidence, new Date(), requestId);
  });
}

/** Moves the deadline (reason required) and schedules the new one; the old jobs carry the old deadline. */
export async function extendRectificationDeadline(
  deps: CommandDeps,
  viewer: Viewer,
  input: ExtendInput,
  requestId: string,
): Promise<RectificationOrderEntity> {
  const order = await deps.dataSource.transaction(async (manager) => {
    const { row: locked, actor } = await lockOrderToEnforce(manager, viewer, input.orderId);
    requireOrderTransition('extend', locked);
    const now = new Date();
    const calendar = await readWorkingCalendar(manager, ENFORCEMENT_SCHEMA);
    const { deadline, workingDays, provisional } = resolveDeadline(input, now, calendar);
    if (deadline.getTime() <= locked.deadline.getTime()) {
      const field = input.deadline ? 'deadline' : 'deadlineWorkingDays';
      throw badInput(field, `${field} must be later than the current deadline`);
    }
    const before = snapshot(locked);
    locked.deadline = deadline;
    locked.deadlineSetAt = now;
    locked.deadlineWorkingDays = workingDays;
    locked.deadlineProvisional = provisional;
    await saveOrderChange(
      manager,
      locked,
      before,
      actor,
      'extendRectificationDeadline',
      `${beijingDeadlineText(before.deadline)} → ${beijingDeadlineText(deadline)}（北京时间）：${input.reason}`,
      requestId,
    );
    await recordEvent(manager, 'enforcement', 'RectificationOrderAmended', {
      orderId: locked.id,
      institutionId: locked.institutionId,
      regionCode: locked.regionCode,
      change: 'DEADLINE_EXTENDED',
      problems: locked.problems,
      deadline: deadline.toISOString(),
      amendedAt: now.toISOString(),
    });
    return locked;
  });
  await deps.deadlines.schedule(order);
  return order;
}

/**
 * Records what the responsible department did about an overdue order: the open escalation case is
 * handled, the ladder stops (its pending job finds the order CLOSED) and the order is closed.
 */
export async function recordEnforcementAction(
  deps: CommandDeps,
  viewer: Viewer,
  input: ActionInput,
  requestId: string,
): Promise<RectificationOrderEntity> {
  return deps.dataSource.transaction(async (manager) => {
    const { row: order, actor } = await lockOrderToEnforce(manager, viewer, input.orderId);
    requireOrderTransition('recordAction', order);
    const before = snapshot(order);
    const now = new Date();
    await manager.insert(EnforcementActionEntity, {
      orderId: order.id,
      escalationLevel: order.escalationLevel,
      description: input.description,
      recordedById: actor.sub,
      recordedByName: actor.name,
    });
    if (order.escalationLevel && order.escalationLevel !== 'REFERRED') {
      await manager.update(
        EscalationCaseEntity,
        { orderId: order.id, level: order.escalationLevel },
        { outcome: 'ACTION_RECORDED', resolvedAt: now },
      );
    }
    order.status = 'CLOSED';
    order.closedAt = now;
    order.respondBy = null;
    return saveOrderChange(
      manager,
      order,
      before,
      actor,
      'recordEnforcementAction',
      input.description,
      requestId,
    );
  });
}
