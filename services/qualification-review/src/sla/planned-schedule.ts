import { beijingDeadlineText } from '@jianguan/platform';
import { slaFireAt, type SchedulableApplication, type SlaScheduler } from './schedule';
import type { NotificationKind } from '../entities/review-notification.entity';

/** The reminder and the escalation the SLA timers have ahead for an application, as a reviewer reads them. */
export interface PlannedSlaStep {
  kind: NotificationKind;
  at: Date;
  label: string;
}

/**
 * From the scheduler's own jobsFor and slaFireAt, so what the page shows is what the timers do; none
 * while the clock stands still (materials requested) or once the review is decided or withdrawn.
 */
export function plannedSlaSchedule(app: SchedulableApplication, sla: SlaScheduler): PlannedSlaStep[] {
  return sla.jobsFor(app).map(({ kind }) => ({
    kind,
    at: slaFireAt(kind, app.dueAt, sla.timings),
    label:
      kind === 'REMINDER'
        ? `审查期限提醒：应于 ${beijingDeadlineText(app.dueAt)}（北京时间）前审结`
        : '逾期未审结：报告主管部门负责人督办',
  }));
}
