import type { EntityManager } from 'typeorm';
import { beijingDeadlineText, type Claims, type WorkingCalendar } from '@jianguan/platform';
import { ApplicationEntity } from '../entities/application.entity';
import { OPEN_STATUSES } from '../domain/status';
import { saveTransition, snapshot } from '../commands/application-state';
import { recipientFor } from './process';

/**
 * Recounts the provisional time limits of open applications that have not run out, after a year's
 * holiday schedule was loaded. A limit is a count of working days (审查期限), so it moves with the
 * calendar, later or earlier; time the clock stood still is kept by moving dueAt by the difference
 * between the two counts. Each change has its audit line and a notice to the reviewers. Returns the
 * applications whose time limit moved, for the caller to reschedule.
 */
export async function recomputeProvisionalDueTimes(
  manager: EntityManager,
  calendars: { before: WorkingCalendar; after: WorkingCalendar },
  actor: Pick<Claims, 'sub' | 'name'>,
  notice: string,
  at: Date,
): Promise<ApplicationEntity[]> {
  const apps = await manager
    .getRepository(ApplicationEntity)
    .createQueryBuilder('a')
    .setLock('pessimistic_write')
    .where('a.due_provisional AND a.status IN (:...open) AND a.due_at > :at', { open: OPEN_STATUSES, at })
    .andWhere('a.due_working_days IS NOT NULL')
    .orderBy('a.id')
    .getMany();
  const moved: ApplicationEntity[] = [];
  for (const app of apps) {
    const before = calendars.before.deadline(app.submittedAt, app.dueWorkingDays!);
    const after = calendars.after.deadline(app.submittedAt, app.dueWorkingDays!);
    const shift = after.at.getTime() - before.at.getTime();
    if (shift === 0 && after.provisional) continue;
    const old = snapshot(app);
    app.dueAt = new Date(app.dueAt.getTime() + shift);
    app.dueProvisional = after.provisional;
    const change =
      shift === 0
        ? `审查期限 ${beijingDeadlineText(app.dueAt)}（北京时间）不变，已按${notice}确定`
        : `审查期限 ${beijingDeadlineText(old.dueAt)} → ${beijingDeadlineText(app.dueAt)}（北京时间），依据${notice}重新计算`;
    await saveTransition(manager, app, old, app.status, actor, 'recomputeDueTime', change);
    await manager.query(
      `INSERT INTO qualification_review.review_notification (application_id, kind, due_at, recipient)
       VALUES ($1, 'DUE_CHANGED', $2, $3) ON CONFLICT (application_id, kind, due_at) DO NOTHING`,
      [app.id, app.dueAt, recipientFor('REMINDER', app)],
    );
    if (shift !== 0) moved.push(app);
  }
  return moved;
}
