import {
  keepClassification,
  keepRegistration,
  type EventEnvelope,
  type EventHandlers,
} from '@jianguan/events';
import { keepHolidayScheduleCopy, readWorkingCalendar } from '@jianguan/platform';
import { REVIEW_SCHEMA } from './data-source';
import type { SlaScheduler } from './sla/schedule';
import { recomputeProvisionalDueTimes } from './sla/recompute';

export interface ReviewEventDeps {
  /** Time limits a loaded holiday schedule moved are rescheduled at once; the reconciler is the backstop. */
  sla: Pick<SlaScheduler, 'schedule'>;
}

/**
 * The local read model of institutions (region, kind, category, last classification), kept from the
 * registry's events, and the registry's holiday schedules. Registered and Classified may arrive in
 * either order, so each upserts only the columns it knows; each runs in the consumer's transaction
 * after the inbox claimed the event.
 */
export const reviewEventHandlers = (deps: ReviewEventDeps): EventHandlers => ({
  InstitutionRegistered: keepRegistration(REVIEW_SCHEMA),
  InstitutionClassified: keepClassification(REVIEW_SCHEMA, (p) => ({ surveyFinding: p.surveyFinding })),

  /** Keep the copy, recount provisional time limits by the difference it makes, reschedule them. */
  HolidayScheduleLoaded: async (manager, envelope: EventEnvelope<'HolidayScheduleLoaded'>) => {
    const p = envelope.payload;
    const before = await readWorkingCalendar(manager, REVIEW_SCHEMA);
    const stored = await keepHolidayScheduleCopy(manager, REVIEW_SCHEMA, {
      ...p,
      loadedBy: envelope.producer,
      loadedAt: new Date(p.loadedAt),
    });
    if (!stored) return;
    const after = await readWorkingCalendar(manager, REVIEW_SCHEMA);
    const actor = {
      sub: `event:${envelope.id}`,
      name: `节假日安排：${p.notice}（${envelope.producer} 事件）`,
    };
    const moved = await recomputeProvisionalDueTimes(manager, { before, after }, actor, p.notice, new Date());
    for (const app of moved) await deps.sla.schedule(app);
  },
});
