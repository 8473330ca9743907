import { Client } from 'pg';
import { workingDaysDeadline } from '@jianguan/platform';
import { QINGHAI, tokenFor, officialToken } from '@jianguan/testing';
import { until } from './support/polling';
import { type TestFederation, startFederationWithDatabase, stopFederation } from './support/federation';
import {
  APPLICATION,
  DECIDE,
  materials,
  NEW_PERMIT_MATERIALS,
  registerIncompleteInstitution,
  REQUEST_MATERIALS,
  RESUBMIT,
  REVIEW_QUEUE,
  REVIEW_STATS,
  START_REVIEW,
  SUBMIT,
  WITHDRAW,
  type ApplicationShape,
} from './support/qualification-review-operations';

let federation: TestFederation;
let db: Client;
let registryOfficer: string;
let reviewer: string;
let secondReviewer: string;
let otherCountyReviewer: string;

beforeAll(async () => {
  ({ federation, db } = await startFederationWithDatabase({ workers: true }));
  registryOfficer = await tokenFor({ scopes: ['registry:write'], regionCode: QINGHAI.chengdong });
  reviewer = await officialToken(
    'reviewer-li',
    '李审核',
    ['review:decide', 'review:read'],
    QINGHAI.chengdong,
  );
  secondReviewer = await officialToken('reviewer-wang', '王审核', ['review:decide'], QINGHAI.chengdong);
  otherCountyReviewer = await officialToken(
    'reviewer-zhao',
    '赵审核',
    ['review:decide', 'review:read'],
    QINGHAI.chengzhong,
  );
});

afterAll(() => stopFederation(federation, db));

const institutionUser = (institutionId: string) =>
  tokenFor({
    sub: `user-${institutionId}`,
    name: '机构经办人',
    scopes: [],
    regionCode: QINGHAI.chengdong,
    institutionId,
  });

type Result = { data?: unknown; errors?: { extensions?: { code?: string } }[] };
const codeOf = (result: Result) => result.errors?.[0]?.extensions?.code;
const app = (result: Result): ApplicationShape => {
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return Object.values(result.data as Record<string, ApplicationShape>)[0];
};

async function submit(institutionId: string, token: string, types = NEW_PERMIT_MATERIALS) {
  return app(
    await federation.query(
      SUBMIT,
      { input: { institutionId, type: 'NEW_PERMIT', materials: materials(types) } },
      token,
    ),
  );
}

async function read(id: string) {
  return app(await federation.query(APPLICATION, { id }, reviewer));
}

describe('the whole path through the gateway', () => {
  it('an INCOMPLETE institution submits, materials are requested and resubmitted, approval completes its certificates', async () => {
    const institutionId = await registerIncompleteInstitution(federation, db, registryOfficer);
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

    const started = app(await federation.query(START_REVIEW, { id: submitted.id }, reviewer));
    expect(started).toMatchObject({ status: 'UNDER_REVIEW', reviewerName: '李审核' });

    const requested = app(
      await federation.query(
        REQUEST_MATERIALS,
        {
          input: { applicationId: submitted.id, items: ['TEACHER_QUALIFICATIONS'], note: '缺少教师资格证明' },
        },
        reviewer,
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
        reviewer,
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
      () => federation.query<Inst>(INSTITUTION, { id: institutionId }, registryOfficer),
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
    const institutionId = await registerIncompleteInstitution(federation, db, registryOfficer, {
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
    institutionId = await registerIncompleteInstitution(federation, db, registryOfficer, {
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
      reviewer,
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
    const started = app(await federation.query(START_REVIEW, { id }, reviewer));
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
        reviewer,
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

describe('who may touch an application', () => {
  let id: string;
  let ownInstitutionId: string;
  let before: ApplicationShape;

  beforeAll(async () => {
    const institutionId = await registerIncompleteInstitution(federation, db, registryOfficer, {
      name: '城东区权限培训学校',
    });
    const submitted = await submit(institutionId, await institutionUser(institutionId));
    before = app(await federation.query(START_REVIEW, { id: submitted.id }, reviewer));
    id = submitted.id;
    ownInstitutionId = institutionId;
  });

  it("keeps another institution's user out", async () => {
    const otherId = await registerIncompleteInstitution(federation, db, registryOfficer, {
      name: '城东区别家培训学校',
    });
    const other = await institutionUser(otherId);
    expect(codeOf(await federation.query(APPLICATION, { id }, other))).toBe('FORBIDDEN');
    expect(codeOf(await federation.query(WITHDRAW, { id }, other))).toBe('FORBIDDEN');
    expect(
      codeOf(
        await federation.query(
          RESUBMIT,
          { input: { applicationId: id, materials: materials(['FEE_STANDARDS']) } },
          other,
        ),
      ),
    ).toBe('FORBIDDEN');
    // Nor may it submit for an institution that is not its own, or decide anything.
    expect(
      codeOf(
        await federation.query(
          SUBMIT,
          { input: { institutionId: ownInstitutionId, type: 'RENEWAL', materials: [] } },
          other,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(await federation.query(DECIDE, { input: { applicationId: id, decision: 'APPROVE' } }, other)),
    ).toBe('FORBIDDEN');
    await expect(read(id)).resolves.toMatchObject({ status: 'UNDER_REVIEW', version: before.version });
  });

  it("keeps a reviewer of another county from deciding or seeing this county's", async () => {
    const decided = await federation.query(
      DECIDE,
      { input: { applicationId: id, decision: 'REJECT', reasons: ['越权'] } },
      otherCountyReviewer,
    );
    expect(codeOf(decided)).toBe('FORBIDDEN');
    expect(codeOf(await federation.query(APPLICATION, { id }, otherCountyReviewer))).toBe('FORBIDDEN');
    const queue = await federation.query<{ reviewQueue: unknown }>(
      REVIEW_QUEUE,
      { regionCode: QINGHAI.chengdong },
      otherCountyReviewer,
    );
    expect(codeOf(queue)).toBe('FORBIDDEN');
    await expect(read(id)).resolves.toMatchObject({ status: 'UNDER_REVIEW', version: before.version });
  });

  it('requires the review scope to decide, and a token at all', async () => {
    const noScope = await tokenFor({ scopes: ['registry:write'], regionCode: QINGHAI.chengdong });
    expect(
      codeOf(await federation.query(DECIDE, { input: { applicationId: id, decision: 'APPROVE' } }, noScope)),
    ).toBe('FORBIDDEN');
    expect(codeOf(await federation.query(APPLICATION, { id }))).toBe('UNAUTHENTICATED');
  });
});

describe('two reviewers deciding at once', () => {
  it('lets exactly one decision win; the other gets CONFLICT', async () => {
    const institutionId = await registerIncompleteInstitution(federation, db, registryOfficer, {
      name: '城东区并发培训学校',
    });
    const submitted = await submit(institutionId, await institutionUser(institutionId));
    await federation.query(START_REVIEW, { id: submitted.id }, reviewer);

    const results = await Promise.all([
      federation.query(DECIDE, { input: { applicationId: submitted.id, decision: 'APPROVE' } }, reviewer),
      federation.query(
        DECIDE,
        { input: { applicationId: submitted.id, decision: 'REJECT', reasons: ['场地不符合要求'] } },
        secondReviewer,
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
    const institutionId = await registerIncompleteInstitution(federation, db, registryOfficer, {
      name: '城东区版本培训学校',
    });
    const submitted = await submit(institutionId, await institutionUser(institutionId));
    const started = app(await federation.query(START_REVIEW, { id: submitted.id }, reviewer));
    const stale = await federation.query(
      DECIDE,
      { input: { applicationId: submitted.id, decision: 'APPROVE', expectedVersion: submitted.version } },
      reviewer,
    );
    expect(codeOf(stale)).toBe('CONFLICT');
    const fresh = app(
      await federation.query(
        DECIDE,
        { input: { applicationId: submitted.id, decision: 'APPROVE', expectedVersion: started.version } },
        reviewer,
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
    const first = await federation.query<Queue>(REVIEW_QUEUE, { first: 2 }, reviewer);
    expect(first.errors).toBeUndefined();
    const total = first.data!.reviewQueue.totalCount;
    expect(total).toBeGreaterThanOrEqual(5);
    expect(first.data!.reviewQueue.edges[0].node.institution.name).toMatch(/培训/);
    const all: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await federation.query<Queue>(REVIEW_QUEUE, { first: 2, after }, reviewer);
      all.push(...page.data!.reviewQueue.edges.map((e) => e.node.dueAt));
      if (!page.data!.reviewQueue.pageInfo.hasNextPage) break;
      after = page.data!.reviewQueue.pageInfo.endCursor;
    }
    expect(all).toHaveLength(total);
    expect([...all].sort()).toEqual(all);
    const underReview = await federation.query<Queue>(REVIEW_QUEUE, { status: 'UNDER_REVIEW' }, reviewer);
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
    const forbidden = await federation.query(REVIEW_STATS, { code: QINGHAI.xining }, reviewer);
    expect(codeOf(forbidden)).toBe('FORBIDDEN');
  });
});
