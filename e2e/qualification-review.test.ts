import { workingDaysDeadline } from '@jianguan/platform';
import { QINGHAI, tokenFor } from '@jianguan/testing';
import { until } from './support/polling';
import {
  DECIDE,
  materials,
  NEW_PERMIT_MATERIALS,
  REQUEST_MATERIALS,
  RESUBMIT,
  REVIEW_QUEUE,
  REVIEW_STATS,
  START_REVIEW,
  SUBMIT,
  WITHDRAW,
  type ApplicationShape,
} from './support/qualification-review-operations';
import { app, codeOf, useQualificationReviewStack } from './support/qualification-review-stack';
import { institutionUser } from './support/stack';

/**
 * Qualification review through the gateway: the whole path, illegal transitions and concurrent
 * decisions, then the queue and statistics they leave. Over 300 lines on purpose: the last tests count
 * what the earlier ones leave (withdrawn exactly 1, approved at least 2), so they share one database.
 */
const { federation, db, tokens, registerIncomplete, submit, read } = useQualificationReviewStack();

describe('the whole path through the gateway', () => {
  it('an INCOMPLETE institution submits, materials are requested and resubmitted, approval completes its certificates', async () => {
    const institutionId = await registerIncomplete();
    const user = await institutionUser(institutionId);

    // Submitted without teacher qualifications; otherwise qualified, so the accelerated track.
    const submitted = await submit(
      institutionId,
      user,
      NEW_PERMIT_MATERIALS.filter((t) => t !== 'TEACHER_QUALIFICATIONS'),
    );
    expect(submitted).toMatchObject({
      status: 'SUBMITTED',
      track: 'ACCELERATED',
      regionCode: QINGHAI.beiguanCommunity,
    });
    expect(submitted.dueAt).toBe(workingDaysDeadline(new Date(submitted.submittedAt), 10).toISOString());
    expect(submitted.checklist).toContainEqual({ type: 'TEACHER_QUALIFICATIONS', provided: false });

    const started = app(await federation.query(START_REVIEW, { id: submitted.id }, tokens.reviewer));
    expect(started).toMatchObject({ status: 'UNDER_REVIEW', reviewerName: '李审核' });

    const requested = app(
      await federation.query(
        REQUEST_MATERIALS,
        {
          input: { applicationId: submitted.id, items: ['TEACHER_QUALIFICATIONS'], note: '缺少教师资格证明' },
        },
        tokens.reviewer,
      ),
    );
    expect(requested).toMatchObject({
      status: 'MATERIALS_REQUESTED',
      requestedMaterials: ['TEACHER_QUALIFICATIONS'],
    });
    expect(requested.clockPausedAt).not.toBeNull();

    // Resubmitting without what was asked for is bad input and changes nothing.
    const incomplete = await federation.query(
      RESUBMIT,
      { input: { applicationId: submitted.id, materials: materials(['FEE_STANDARDS']) } },
      user,
    );
    expect(codeOf(incomplete)).toBe('BAD_USER_INPUT');

    const resubmitted = app(
      await federation.query(
        RESUBMIT,
        { input: { applicationId: submitted.id, materials: materials(['TEACHER_QUALIFICATIONS']) } },
        user,
      ),
    );
    expect(resubmitted).toMatchObject({
      status: 'UNDER_REVIEW',
      clockPausedAt: null,
      requestedMaterials: [],
    });
    expect(Date.parse(resubmitted.dueAt)).toBeGreaterThanOrEqual(Date.parse(submitted.dueAt));
    expect(resubmitted.checklist.every((item) => item.provided)).toBe(true);

    const approved = app(
      await federation.query(
        DECIDE,
        { input: { applicationId: submitted.id, decision: 'APPROVE' } },
        tokens.reviewer,
      ),
    );
    expect(approved).toMatchObject({ status: 'APPROVED', decision: 'APPROVE' });
    expect(approved.permit?.number).toMatch(/^教民630102\d{11}$/);
    expect(approved.history.map((h) => h.to)).toEqual([
      'SUBMITTED',
      'UNDER_REVIEW',
      'MATERIALS_REQUESTED',
      'UNDER_REVIEW',
      'APPROVED',
    ]);

    // The registry records the permit from QualificationApproved: certificates complete.
    const INSTITUTION = `query($id: ID!) { institution(id: $id) {
      certificateStatus missingLicences licences { type number }
      qualificationApplications { id status permit { number } }
    } }`;
    type Inst = {
      institution: {
        certificateStatus: string;
        missingLicences: string[];
        licences: { type: string; number: string }[];
        qualificationApplications: { id: string; status: string; permit: { number: string } | null }[];
      };
    };
    const seen = await until(
      () => federation.query<Inst>(INSTITUTION, { id: institutionId }, tokens.registryOfficer),
      (r) => r.data?.institution.certificateStatus === 'COMPLETE',
    );
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.institution.certificateStatus).toBe('COMPLETE');
    expect(seen.data!.institution.missingLicences).toEqual([]);
    expect(seen.data!.institution.licences).toContainEqual({
      type: 'SCHOOL_PERMIT',
      number: approved.permit!.number,
    });

    // The institution's own user sees its application on the institution, through the gateway.
    const own = await federation.query<Inst>(INSTITUTION, { id: institutionId }, user);
    expect(own.data!.institution.qualificationApplications).toEqual([
      { id: submitted.id, status: 'APPROVED', permit: { number: approved.permit!.number } },
    ]);
  });

  it('puts an institution missing more than the permit on the standard track', async () => {
    const institutionId = await registerIncomplete({
      name: '城东区标准轨道培训中心',
      licences: ['BUSINESS_LICENCE'],
    });
    const submitted = await submit(institutionId, await institutionUser(institutionId));
    expect(submitted.track).toBe('STANDARD');
    expect(submitted.dueAt).toBe(workingDaysDeadline(new Date(submitted.submittedAt), 20).toISOString());
  });
});

describe('illegal transitions are CONFLICT and change nothing', () => {
  let institutionId: string;
  let user: string;

  beforeAll(async () => {
    institutionId = await registerIncomplete({
      name: '城东区规则培训学校',
    });
    user = await institutionUser(institutionId);
  });

  async function expectUnchanged(id: string, before: ApplicationShape) {
    const after = await read(id);
    expect(after.status).toBe(before.status);
    expect(after.version).toBe(before.version);
    expect(after.history).toHaveLength(before.history.length);
  }

  it('refuses approving without review', async () => {
    const submitted = await submit(institutionId, user);
    const result = await federation.query(
      DECIDE,
      { input: { applicationId: submitted.id, decision: 'APPROVE' } },
      tokens.reviewer,
    );
    expect(codeOf(result)).toBe('CONFLICT');
    await expectUnchanged(submitted.id, submitted);

    // A second open application of the same kind is refused too.
    const again = await federation.query(
      SUBMIT,
      { input: { institutionId, type: 'NEW_PERMIT', materials: materials(NEW_PERMIT_MATERIALS) } },
      user,
    );
    expect(codeOf(again)).toBe('CONFLICT');
  });

  it('refuses resubmitting when nothing was requested', async () => {
    const [{ id }] = (
      await db.query(`SELECT id FROM qualification_review.application WHERE institution_id = $1`, [
        institutionId,
      ])
    ).rows;
    const started = app(await federation.query(START_REVIEW, { id }, tokens.reviewer));
    const result = await federation.query(
      RESUBMIT,
      { input: { applicationId: id, materials: materials(['FEE_STANDARDS']) } },
      user,
    );
    expect(codeOf(result)).toBe('CONFLICT');
    await expectUnchanged(id, started);
  });

  it('refuses deciding a withdrawn application', async () => {
    const [{ id }] = (
      await db.query(`SELECT id FROM qualification_review.application WHERE institution_id = $1`, [
        institutionId,
      ])
    ).rows;
    const withdrawn = app(await federation.query(WITHDRAW, { id, reason: '暂不办学' }, user));
    expect(withdrawn.status).toBe('WITHDRAWN');
    for (const decision of ['APPROVE', 'REJECT']) {
      const result = await federation.query(
        DECIDE,
        { input: { applicationId: id, decision, reasons: ['材料不全'] } },
        tokens.reviewer,
      );
      expect(codeOf(result)).toBe('CONFLICT');
    }
    await expectUnchanged(id, withdrawn);
    const events = await db.query(
      `SELECT count(*)::int AS n FROM qualification_review.outbox WHERE payload->>'applicationId' = $1`,
      [id],
    );
    expect(events.rows[0].n).toBe(0);
  });
});

describe('two reviewers deciding at once', () => {
  it('lets exactly one decision win; the other gets CONFLICT', async () => {
    const institutionId = await registerIncomplete({
      name: '城东区并发培训学校',
    });
    const submitted = await submit(institutionId, await institutionUser(institutionId));
    await federation.query(START_REVIEW, { id: submitted.id }, tokens.reviewer);

    const results = await Promise.all([
      federation.query(
        DECIDE,
        { input: { applicationId: submitted.id, decision: 'APPROVE' } },
        tokens.reviewer,
      ),
      federation.query(
        DECIDE,
        { input: { applicationId: submitted.id, decision: 'REJECT', reasons: ['场地不符合要求'] } },
        tokens.secondReviewer,
      ),
    ]);
    const winners = results.filter((r) => !r.errors);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers.map(codeOf)).toEqual(['CONFLICT']);

    const final = await read(submitted.id);
    const winner = app(winners[0]);
    expect(final.status).toBe(winner.status);
    expect(final.history.filter((h) => h.to === 'APPROVED' || h.to === 'REJECTED')).toHaveLength(1);
    const events = await db.query(
      `SELECT type FROM qualification_review.outbox WHERE payload->>'applicationId' = $1`,
      [submitted.id],
    );
    expect(events.rows).toEqual([
      { type: winner.status === 'APPROVED' ? 'QualificationApproved' : 'QualificationRejected' },
    ]);
  });

  it('refuses a decision made on a stale version', async () => {
    const institutionId = await registerIncomplete({
      name: '城东区版本培训学校',
    });
    const submitted = await submit(institutionId, await institutionUser(institutionId));
    const started = app(await federation.query(START_REVIEW, { id: submitted.id }, tokens.reviewer));
    const stale = await federation.query(
      DECIDE,
      { input: { applicationId: submitted.id, decision: 'APPROVE', expectedVersion: submitted.version } },
      tokens.reviewer,
    );
    expect(codeOf(stale)).toBe('CONFLICT');
    const fresh = app(
      await federation.query(
        DECIDE,
        { input: { applicationId: submitted.id, decision: 'APPROVE', expectedVersion: started.version } },
        tokens.reviewer,
      ),
    );
    expect(fresh.status).toBe('APPROVED');
  });
});

describe('review queue and statistics', () => {
  it('lists the county queue by time limit and counts the subtree', async () => {
    type Queue = {
      reviewQueue: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: {
          node: { id: string; status: string; dueAt: string; institution: { id: string; name: string } };
        }[];
      };
    };
    const first = await federation.query<Queue>(REVIEW_QUEUE, { first: 2 }, tokens.reviewer);
    expect(first.errors).toBeUndefined();
    const total = first.data!.reviewQueue.totalCount;
    expect(total).toBeGreaterThanOrEqual(5);
    expect(first.data!.reviewQueue.edges[0].node.institution.name).toMatch(/培训/);
    const all: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await federation.query<Queue>(REVIEW_QUEUE, { first: 2, after }, tokens.reviewer);
      all.push(...page.data!.reviewQueue.edges.map((e) => e.node.dueAt));
      if (!page.data!.reviewQueue.pageInfo.hasNextPage) break;
      after = page.data!.reviewQueue.pageInfo.endCursor;
    }
    expect(all).toHaveLength(total);
    expect([...all].sort()).toEqual(all);
    const underReview = await federation.query<Queue>(
      REVIEW_QUEUE,
      { status: 'UNDER_REVIEW' },
      tokens.reviewer,
    );
    expect(underReview.data!.reviewQueue.edges.every((e) => e.node.status === 'UNDER_REVIEW')).toBe(true);

    type Stats = { region: { reviewStats: Record<string, number | null> } };
    const stats = await federation.query<Stats>(
      REVIEW_STATS,
      { code: QINGHAI.xining },
      await tokenFor({ scopes: ['review:read'], regionCode: QINGHAI.xining }),
    );
    expect(stats.errors).toBeUndefined();
    const counts = stats.data!.region.reviewStats;
    expect(counts.submitted).toBe(total);
    expect(counts.approved).toBeGreaterThanOrEqual(2);
    expect(counts.withdrawn).toBe(1);
    expect(counts.overdue).toBe(0);
    expect(counts.medianDaysToDecision).toBeGreaterThanOrEqual(0);
    const forbidden = await federation.query(REVIEW_STATS, { code: QINGHAI.xining }, tokens.reviewer);
    expect(codeOf(forbidden)).toBe('FORBIDDEN');
  });
});
