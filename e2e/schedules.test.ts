/**
 * Issue 18, point 4: an order shows the reminders, deadline check and escalation ladder ahead of it,
 * and an application its SLA reminder and escalation, as the timers schedule them (durations here
 * are configuration: reminders 2 and 1 minutes before, one hour per escalation level, the review
 * reminded 10 minutes before its limit and escalated 30 minutes after).
 */
import { QINGHAI, tokenFor } from '@jianguan/testing';
import { registryService } from '@jianguan/registry';
import { enforcementService } from '@jianguan/enforcement';
import { qualificationReviewService } from '@jianguan/qualification-review';
import { ok } from './support/federation';
import { registerInstitution } from './support/enforcement-operations';
import {
  materials,
  NEW_PERMIT_MATERIALS,
  registerIncompleteInstitution,
} from './support/qualification-review-operations';
import { institutionUser, useFederationStack } from './support/stack';

const { federation, db } = useFederationStack({
  services: [registryService, qualificationReviewService, enforcementService],
  workers: true,
  env: {
    ENFORCEMENT_REMINDER_OFFSETS_SECONDS: '120,60',
    ENFORCEMENT_ESCALATION_GRACE: '1h',
    REVIEW_STANDARD_LIMIT: '2d',
    REVIEW_ACCELERATED_LIMIT: '2d',
    REVIEW_REMINDER_BEFORE_SECONDS: '600',
    REVIEW_ESCALATE_AFTER_SECONDS: '1800',
    OUTBOX_POLL_MS: '200',
  },
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
type Step = { kind: string; at: string; projected?: boolean; label: string };

it('an open order shows its reminders, the deadline check and the ladder that follows if nobody acts', async () => {
  const registryOfficer = await tokenFor({ scopes: ['registry:write'], regionCode: QINGHAI.chengdong });
  const officer = await tokenFor({ scopes: ['enforcement:write'], regionCode: QINGHAI.chengdong });
  const institutionId = await registerInstitution(federation, db, registryOfficer, '城东区日程测试培训学校');
  const deadline = new Date(Date.now() + 24 * HOUR);
  const { issueRectificationOrder: order } = ok(
    await federation.query<{ issueRectificationOrder: { schedule: Step[] } }>(
      `mutation Issue($input: IssueRectificationOrderInput!) {
        issueRectificationOrder(input: $input) { schedule { kind at projected label } }
      }`,
      {
        input: {
          institutionId,
          source: 'INSPECTION',
          problems: [{ code: 'NO_PERMIT', description: '未取得办学许可证' }],
          deadline: deadline.toISOString(),
        },
      },
      officer,
    ),
  );
  const at = (offsetMs: number) => new Date(deadline.getTime() + offsetMs).toISOString();
  expect(order.schedule.map(({ kind, at, projected }) => ({ kind, at, projected }))).toEqual([
    { kind: 'REMINDER', at: at(-2 * MINUTE), projected: false },
    { kind: 'REMINDER', at: at(-MINUTE), projected: false },
    { kind: 'DEADLINE_CHECK', at: at(0), projected: false },
    { kind: 'ESCALATION', at: at(HOUR), projected: true },
    { kind: 'ESCALATION', at: at(2 * HOUR), projected: true },
    { kind: 'ESCALATION', at: at(3 * HOUR), projected: true },
  ]);
  expect(order.schedule.map((s) => s.label)).toEqual([
    '整改期限提醒（期限前 2 分钟）',
    '整改期限提醒（期限前 1 分钟）',
    '整改期限届满：未整改的列入黑名单并交县级主管部门处理',
    '县级主管部门未作处理，升级至市级',
    '市级主管部门未作处理，升级至省级',
    '省级主管部门未作处理，移送纪检监察机关',
  ]);
});

it('an application shows its SLA reminder and escalation, and none once the clock stops', async () => {
  const registryOfficer = await tokenFor({ scopes: ['registry:write'], regionCode: QINGHAI.chengdong });
  const reviewer = await tokenFor({
    scopes: ['review:decide', 'review:read'],
    regionCode: QINGHAI.chengdong,
  });
  const institutionId = await registerIncompleteInstitution(federation, db, registryOfficer, {
    name: '城东区日程审查培训学校',
  });
  const { submitQualificationApplication: app } = ok(
    await federation.query<{
      submitQualificationApplication: { id: string; dueAt: string; slaSchedule: Step[] };
    }>(
      `mutation Submit($input: SubmitQualificationApplicationInput!) {
        submitQualificationApplication(input: $input) { id dueAt slaSchedule { kind at label } }
      }`,
      { input: { institutionId, type: 'NEW_PERMIT', materials: materials(NEW_PERMIT_MATERIALS) } },
      await institutionUser(institutionId),
    ),
  );
  const due = Date.parse(app.dueAt);
  expect(app.slaSchedule.map(({ kind, at }) => ({ kind, at }))).toEqual([
    { kind: 'REMINDER', at: new Date(due - 10 * MINUTE).toISOString() },
    { kind: 'ESCALATION', at: new Date(due + 30 * MINUTE).toISOString() },
  ]);
  expect(app.slaSchedule[1].label).toBe('逾期未审结：报告主管部门负责人督办');

  ok(
    await federation.query(
      `mutation Start($id: ID!) { startReview(applicationId: $id) { id } }`,
      { id: app.id },
      reviewer,
    ),
  );
  const { requestMaterials } = ok(
    await federation.query<{ requestMaterials: { slaSchedule: Step[] } }>(
      `mutation Request($input: RequestMaterialsInput!) { requestMaterials(input: $input) { slaSchedule { kind } } }`,
      { input: { applicationId: app.id, items: ['TEACHER_QUALIFICATIONS'], note: '请补充教师资格证明' } },
      reviewer,
    ),
  );
  expect(requestMaterials.slaSchedule).toEqual([]);
});
