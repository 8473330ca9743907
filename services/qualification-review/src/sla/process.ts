import type { DataSource } from 'typeorm';
import { lockByIdIfExists, writeAudit } from '@jianguan/platform';
import { ApplicationEntity } from '../entities/application.entity';
import type { NotificationKind } from '../entities/review-notification.entity';
import { clockRunning, type SlaJobData, type SlaScheduler } from './schedule';

export type SlaOutcome = 'SENT' | 'ALREADY_SENT' | 'STALE';

const SYSTEM = { sub: 'system:review-sla', name: '审核时限提醒' };

/** Who is told: the reviewer (or the region's reviewers) before; the department head after. */
export function recipientFor(kind: NotificationKind, app: ApplicationEntity): string {
  const county = app.regionCode.slice(0, 6);
  if (kind === 'ESCALATION') return `DEPARTMENT_HEAD:${county}`;
  return app.reviewerId ? `REVIEWER:${app.reviewerId}` : `REVIEWERS:${county}`;
}

/**
 * Runs one reminder or escalation. Re-reads the application under a row lock and does nothing
 * when the job no longer applies (decided, withdrawn, clock paused, dueAt moved); the unique
 * (application, kind, dueAt) row makes a second run of the same job a no-op.
 */
export async function processSlaJob(dataSource: DataSource, job: SlaJobData): Promise<SlaOutcome> {
  return dataSource.transaction(async (manager) => {
    const app = await lockByIdIfExists(manager, ApplicationEntity, job.applicationId);
    if (!app || !clockRunning(app) || app.dueAt.getTime() !== new Date(job.dueAt).getTime()) return 'STALE';
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO qualification_review.review_notification (application_id, kind, due_at, recipient)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (application_id, kind, due_at) DO NOTHING
       RETURNING id`,
      [app.id, job.kind, app.dueAt, recipientFor(job.kind, app)],
    );
    if (inserted.length === 0) return 'ALREADY_SENT';
    await writeAudit(manager, {
      actor: SYSTEM,
      action: job.kind === 'REMINDER' ? 'remindReviewer' : 'escalateOverdueReview',
      entityType: 'QualificationApplication',
      entityId: app.id,
      before: null,
      after: {
        notificationId: inserted[0].id,
        kind: job.kind,
        dueAt: app.dueAt,
        recipient: recipientFor(job.kind, app),
      },
    });
    return 'SENT';
  });
}

/**
 * Finds every application whose clock runs and re-schedules the notifications not yet sent for its
 * current dueAt — after a Redis that lost its data, or a server that died between commit and
 * scheduling. Returns how many applications it looked at.
 */
export async function reconcileSla(dataSource: DataSource, scheduler: SlaScheduler): Promise<number> {
  const rows: { id: string; status: ApplicationEntity['status']; due_at: Date; sent: string[] }[] =
    await dataSource.query(
      `SELECT a.id, a.status, a.due_at,
              coalesce(array_agg(n.kind) FILTER (WHERE n.kind IS NOT NULL), '{}') AS sent
         FROM qualification_review.application a
         LEFT JOIN qualification_review.review_notification n
                ON n.application_id = a.id AND n.due_at = a.due_at
        WHERE a.status IN ('SUBMITTED','UNDER_REVIEW','MATERIALS_REQUESTED') AND a.clock_paused_at IS NULL
        GROUP BY a.id`,
    );
  await scheduler.add(
    rows.flatMap((row) =>
      scheduler.jobsFor(
        { id: row.id, status: row.status, clockPausedAt: null, dueAt: row.due_at },
        row.sent as NotificationKind[],
      ),
    ),
  );
  return rows.length;
}
