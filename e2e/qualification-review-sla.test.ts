import { Queue } from 'bullmq';
import type { RunningProcess } from '@jianguan/platform';
import { registryService } from '@jianguan/registry';
import { QINGHAI, TEST_REDIS_URL, tokenFor, officialToken } from '@jianguan/testing';
import { qualificationReviewService } from '@jianguan/qualification-review';
import { sleep, until } from './support/polling';
import {
  APPLICATION,
  DECIDE,
  materials,
  NEW_PERMIT_MATERIALS,
  registerIncompleteInstitution,
  REQUEST_MATERIALS,
  REVIEW_QUEUE,
  START_REVIEW,
  SUBMIT,
  type ApplicationShape,
} from './support/qualification-review-operations';
import { useFederationStack } from './support/stack';

/**
 * Review time limits in seconds: a 6-second limit, reminders 3 seconds before it, escalation at it.
 * The qualification-review worker is started and stopped by the test itself, to show that a restart
 * (with Redis losing the schedule in between) neither loses nor repeats a notification.
 */
const LIMIT_MS = 6000;
const stack = useFederationStack({
  workers: false,
  env: {
    REVIEW_ACCELERATED_LIMIT: `${LIMIT_MS / 1000}s`,
    REVIEW_STANDARD_LIMIT: `${LIMIT_MS / 1000}s`,
    REVIEW_REMINDER_BEFORE_SECONDS: '3',
    REVIEW_ESCALATE_AFTER_SECONDS: '0',
    OUTBOX_POLL_MS: '200',
  },
});
const { federation, db } = stack;
let registryWorker: RunningProcess;
let reviewWorker: RunningProcess | undefined;
let registryOfficer: string;
let reviewer: string;

beforeAll(async () => {
  registryWorker = await registryService.startWorker(federation.envFor(registryService));
  stack.stopAtEnd(registryWorker, (worker) => worker.stop());
  reviewWorker = await qualificationReviewService.startWorker(federation.envFor(qualificationReviewService));
  // A test stops this worker and starts another in its place: whichever runs at the end is stopped.
  stack.stopAtEnd(undefined, () => reviewWorker?.stop());
  registryOfficer = await tokenFor({ scopes: ['registry:write'], regionCode: QINGHAI.chengdong });
  reviewer = await officialToken(
    'reviewer-li',
    '李审核',
    ['review:decide', 'review:read'],
    QINGHAI.chengdong,
  );
});

const notificationsOf = async (id: string) =>
  (
    await db.query(
      `SELECT kind, recipient, due_at FROM qualification_review.review_notification WHERE application_id = $1 ORDER BY sent_at`,
      [id],
    )
  ).rows as { kind: string; recipient: string; due_at: Date }[];

async function submit(institutionId: string): Promise<ApplicationShape> {
  const token = await tokenFor({ scopes: [], regionCode: QINGHAI.chengdong, institutionId });
  const result = await federation.query<{ submitQualificationApplication: ApplicationShape }>(
    SUBMIT,
    { input: { institutionId, type: 'NEW_PERMIT', materials: materials(NEW_PERMIT_MATERIALS) } },
    token,
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.submitQualificationApplication;
}

it('reminds, then escalates an unattended review, each exactly once across worker restarts and a lost schedule', async () => {
  const unattendedId = await registerIncompleteInstitution(federation, db, registryOfficer, {
    name: '城东区无人审核培训学校',
  });
  const decidedId = await registerIncompleteInstitution(federation, db, registryOfficer, {
    name: '城东区及时审核培训学校',
  });
  const pausedId = await registerIncompleteInstitution(federation, db, registryOfficer, {
    name: '城东区补正材料培训学校',
  });

  const unattended = await submit(unattendedId);
  expect(Date.parse(unattended.dueAt) - Date.parse(unattended.submittedAt)).toBe(LIMIT_MS);
  // Decided in time: its jobs find nothing to do.
  const decided = await submit(decidedId);
  await federation.query(START_REVIEW, { id: decided.id }, reviewer);
  const decision = await federation.query(
    DECIDE,
    { input: { applicationId: decided.id, decision: 'APPROVE' } },
    reviewer,
  );
  expect(decision.errors).toBeUndefined();
  // Waiting for materials with the clock paused: no reminder, no escalation.
  const paused = await submit(pausedId);
  await federation.query(START_REVIEW, { id: paused.id }, reviewer);
  await federation.query(
    REQUEST_MATERIALS,
    { input: { applicationId: paused.id, items: ['FEE_STANDARDS'] } },
    reviewer,
  );

  // The reminder comes about 3 s before dueAt, to the reviewers of the county (no reviewer yet).
  const reminded = await until(
    () => notificationsOf(unattended.id),
    (rows) => rows.length > 0,
    8000,
  );
  expect(reminded).toEqual([
    { kind: 'REMINDER', recipient: `REVIEWERS:${QINGHAI.chengdong}`, due_at: new Date(unattended.dueAt) },
  ]);
  expect(Date.now()).toBeLessThan(Date.parse(unattended.dueAt));

  // The worker goes down and Redis loses every scheduled job while dueAt passes.
  await reviewWorker!.stop();
  reviewWorker = undefined;
  const slaQueue = new Queue('review-sla', {
    connection: { url: TEST_REDIS_URL },
    prefix: federation.queue.prefix,
  });
  await slaQueue.obliterate({ force: true });
  await slaQueue.close();
  await sleep(Math.max(0, Date.parse(unattended.dueAt) - Date.now()) + 500);
  expect((await notificationsOf(unattended.id)).map((n) => n.kind)).toEqual(['REMINDER']);

  // On restart the reconciler finds the overdue review and escalates it, without a second reminder.
  reviewWorker = await qualificationReviewService.startWorker(federation.envFor(qualificationReviewService));
  const escalated = await until(
    () => notificationsOf(unattended.id),
    (rows) => rows.length > 1,
    8000,
  );
  expect(escalated.map((n) => [n.kind, n.recipient])).toEqual([
    ['REMINDER', `REVIEWERS:${QINGHAI.chengdong}`],
    ['ESCALATION', `DEPARTMENT_HEAD:${QINGHAI.chengdong}`],
  ]);

  // Another restart (reconciler again, jobs re-added) changes nothing.
  await reviewWorker.stop();
  reviewWorker = await qualificationReviewService.startWorker(federation.envFor(qualificationReviewService));
  await sleep(1500);
  expect((await notificationsOf(unattended.id)).map((n) => n.kind)).toEqual(['REMINDER', 'ESCALATION']);
  expect(await notificationsOf(decided.id)).toEqual([]);
  expect(await notificationsOf(paused.id)).toEqual([]);

  // Through the gateway: overdue, with its notifications, and in the overdue queue; the others not.
  const read = await federation.query<{ qualificationApplication: ApplicationShape }>(
    APPLICATION,
    { id: unattended.id },
    reviewer,
  );
  expect(read.data!.qualificationApplication).toMatchObject({
    overdue: true,
    notifications: [
      { kind: 'REMINDER', dueAt: unattended.dueAt },
      { kind: 'ESCALATION', dueAt: unattended.dueAt },
    ],
  });
  const overdue = await federation.query<{ reviewQueue: { edges: { node: { id: string } }[] } }>(
    REVIEW_QUEUE,
    { overdueOnly: true },
    reviewer,
  );
  expect(overdue.data!.reviewQueue.edges.map((e) => e.node.id)).toEqual([unattended.id]);
});
