import type { Grace } from '../config';
import { NEXT_LEVEL, type CaseLevel } from '../orders/order';
import { fireAt, jobsFor, type DeadlineTimings, type SchedulableOrder } from './schedule';
import { respondByFrom } from './timings';

/** One step the deadline engine has ahead for an order, as an official or the institution reads it. */
export interface PlannedStep {
  kind: 'REMINDER' | 'DEADLINE_CHECK' | 'ESCALATION';
  at: Date;
  /** Happens only if the order is still not rectified (or handled) when the step before it comes. */
  projected: boolean;
  label: string;
}

const LEVEL_NAME: Record<CaseLevel, string> = { COUNTY: '县级', CITY: '市级', PROVINCE: '省级' };

const escalationLabel = (level: CaseLevel) =>
  NEXT_LEVEL[level] === 'REFERRED'
    ? `${LEVEL_NAME[level]}主管部门未作处理，移送纪检监察机关`
    : `${LEVEL_NAME[level]}主管部门未作处理，升级至${LEVEL_NAME[NEXT_LEVEL[level] as CaseLevel]}`;

const reminderLabel = (offsetSeconds: number) => {
  const hours = offsetSeconds / 3600;
  const ahead =
    hours >= 24 && hours % 24 === 0
      ? `${hours / 24} 天`
      : hours >= 1
        ? `${Math.round(hours)} 小时`
        : `${Math.round(offsetSeconds / 60)} 分钟`;
  return `整改期限提醒（期限前 ${ahead}）`;
};

/**
 * The steps still ahead: the jobs the deadline engine schedules for the order's current state
 * (jobsFor, the function the scheduler itself uses) and, after them, the rungs of the escalation
 * ladder that would follow if nobody acts, each respond-by counted as escalate.ts counts it.
 */
export function plannedSchedule(
  order: SchedulableOrder,
  timings: DeadlineTimings,
  grace: Grace,
): PlannedStep[] {
  const steps: PlannedStep[] = [];
  let level: CaseLevel | null = null;
  let respondBy: Date | null = null;
  for (const job of jobsFor(order, timings)) {
    const at = new Date(fireAt(job));
    if (job.kind === 'REMINDER')
      steps.push({ kind: 'REMINDER', at, projected: false, label: reminderLabel(job.offsetSeconds) });
    if (job.kind === 'DEADLINE') {
      steps.push({
        kind: 'DEADLINE_CHECK',
        at,
        projected: false,
        label: '整改期限届满：未整改的列入黑名单并交县级主管部门处理',
      });
      [level, respondBy] = ['COUNTY', respondByFrom(at, grace)];
    }
    if (job.kind === 'ESCALATE') [level, respondBy] = [job.level, at];
  }
  for (let projected = order.status === 'OPEN'; level && respondBy; projected = true) {
    steps.push({ kind: 'ESCALATION', at: respondBy, projected, label: escalationLabel(level) });
    const next = NEXT_LEVEL[level];
    [level, respondBy] = next === 'REFERRED' ? [null, null] : [next, respondByFrom(respondBy, grace)];
  }
  return steps;
}
