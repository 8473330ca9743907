import { QINGHAI } from '@jianguan/testing';
import { until } from './support/polling';
import {
  ADD_FINDING,
  APPROVE_FILING,
  compliantCourse,
  filingInput,
  INSTITUTION_FILING,
  mathTeacher,
  REGION_FILING_STATS,
  registerOnlineInstitution,
  REJECT_FILING,
  SCREEN_FILING,
  SUBMIT_FILING,
} from './support/online-course-filing-operations';
import { filing, useOnlineCourseFilingStack } from './support/online-course-filing-stack';
import { institutionUser } from './support/stack';

/** Online-course filing through the gateway: screening against versioned rule sets, and the region statistics of the filings screened. */
const { federation, db, tokens, outboxOf } = useOnlineCourseFilingStack();

describe('screening against versioned rule sets', () => {
  it('45-minute lessons, an uncertified math teacher and live lessons until 21:30 give three findings, RECTIFICATION_REQUIRED and one ScreeningProblemsFound', async () => {
    const institutionId = await registerOnlineInstitution(federation, db, tokens.registryOfficer);
    const user = await institutionUser(institutionId);
    const submitted = filing(
      await federation.query(
        SUBMIT_FILING,
        {
          input: filingInput(institutionId, {
            personnel: [mathTeacher({ teacherCertificateNumber: null })],
            courses: [compliantCourse({ lessonMinutes: 45, endTime: '21:30' })],
          }),
        },
        user,
      ),
    );
    expect(submitted).toMatchObject({ status: 'SUBMITTED', regionCode: QINGHAI.beiguanCommunity });
    expect(submitted.ruleSet?.version).toBe('2021');

    // Institution users and officers of another county cannot screen.
    expect(
      (await federation.query(SCREEN_FILING, { id: submitted.id }, user)).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await federation.query(SCREEN_FILING, { id: submitted.id }, tokens.otherCountyScreener)).errors?.[0]
        .extensions?.code,
    ).toBe('FORBIDDEN');

    const screened = filing(await federation.query(SCREEN_FILING, { id: submitted.id }, tokens.screener));
    expect(screened.status).toBe('RECTIFICATION_REQUIRED');
    expect(screened.findings.map((f) => [f.source, f.rule, f.item]).sort()).toEqual([
      ['RULE', 'LESSON_LENGTH', 'courses.0.lessonMinutes'],
      ['RULE', 'LIVE_END_TIME', 'courses.0.endTime'],
      ['RULE', 'TEACHER_QUALIFICATION', 'personnel.0.teacherCertificateNumber'],
    ]);
    for (const f of screened.findings) expect(f.document).toBe(screened.ruleSet!.document);
    expect(screened.ruleSet!.document).toContain('减轻义务教育阶段学生作业负担和校外培训负担');
    expect(screened.history.map((h) => h.to)).toEqual(['SUBMITTED', 'RECTIFICATION_REQUIRED']);

    const events = await outboxOf(submitted.id, 'ScreeningProblemsFound');
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({
      institutionId,
      regionCode: QINGHAI.beiguanCommunity,
      ruleSetVersion: '2021',
    });
    expect((events[0].payload.problems as unknown[]).length).toBe(3);
    const published = await until(
      () => outboxOf(submitted.id, 'ScreeningProblemsFound'),
      (rows) => rows[0]?.published_at !== null,
    );
    expect(published[0].published_at).not.toBeNull();

    // The institution sees its filing through the registry's Institution.
    const seen = await federation.query<{
      institution: { onlineFiling: { status: string; findings: unknown[] } };
    }>(INSTITUTION_FILING, { id: institutionId }, user);
    expect(seen.data?.institution.onlineFiling).toMatchObject({ status: 'RECTIFICATION_REQUIRED' });
    expect(seen.data?.institution.onlineFiling.findings).toHaveLength(3);
  });

  it('35-minute lessons: no lesson-length finding under the 2019 rule set, one under the 2021 set', async () => {
    const institutionId = await registerOnlineInstitution(federation, db, tokens.registryOfficer, {
      name: '35分钟课堂',
    });
    const input = filingInput(institutionId, { courses: [compliantCourse({ lessonMinutes: 35 })] });

    // A paper filing received in 2020, recorded by the county's service window.
    const in2020 = filing(
      await federation.query(
        SUBMIT_FILING,
        { input: { ...input, submittedAt: '2020-06-01T10:00:00+08:00' } },
        tokens.submitter,
      ),
    );
    expect(in2020.ruleSet).toMatchObject({ version: '2019', maxLessonMinutes: 40 });
    const passed = filing(await federation.query(SCREEN_FILING, { id: in2020.id }, tokens.screener));
    expect(passed).toMatchObject({ status: 'SCREENING', findings: [] });

    const rejected = filing(
      await federation.query(
        REJECT_FILING,
        { input: { filingId: in2020.id, reasons: ['按新规重新备案'] } },
        tokens.screener,
      ),
    );
    expect(rejected).toMatchObject({ status: 'REJECTED', reasons: ['按新规重新备案'] });
    expect(await outboxOf(in2020.id, 'OnlineFilingRejected')).toHaveLength(1);

    // The same filing submitted now falls under the 2021 set.
    const now = filing(await federation.query(SUBMIT_FILING, { input }, tokens.submitter));
    expect(now.id).toBe(in2020.id);
    expect(now.ruleSet).toMatchObject({ version: '2021', maxLessonMinutes: 30 });
    const failed = filing(await federation.query(SCREEN_FILING, { id: now.id }, tokens.screener));
    expect(failed.status).toBe('RECTIFICATION_REQUIRED');
    expect(failed.findings.map((f) => f.rule)).toEqual(['LESSON_LENGTH']);
  });

  it('a compliant filing is screened, gets an officer finding or is approved with OnlineFilingApproved', async () => {
    const institutionId = await registerOnlineInstitution(federation, db, tokens.registryOfficer, {
      name: '合规课堂',
    });
    const submitted = filing(
      await federation.query(SUBMIT_FILING, { input: filingInput(institutionId) }, tokens.submitter),
    );
    expect(
      (await federation.query(APPROVE_FILING, { id: submitted.id }, tokens.screener)).errors?.[0].extensions
        ?.code,
    ).toBe('CONFLICT');
    const screened = filing(await federation.query(SCREEN_FILING, { id: submitted.id }, tokens.screener));
    expect(screened).toMatchObject({ status: 'SCREENING', findings: [] });
    const approved = filing(await federation.query(APPROVE_FILING, { id: submitted.id }, tokens.screener));
    expect(approved.status).toBe('FILED');
    const [event] = await outboxOf(submitted.id, 'OnlineFilingApproved');
    expect(event.payload).toMatchObject({
      institutionId,
      platformName: '云课堂',
      icpNumber: '青ICP备19000001号',
    });

    const other = await registerOnlineInstitution(federation, db, tokens.registryOfficer, {
      name: '人工发现课堂',
    });
    const second = filing(
      await federation.query(SUBMIT_FILING, { input: filingInput(other) }, tokens.submitter),
    );
    filing(await federation.query(SCREEN_FILING, { id: second.id }, tokens.screener));
    const found = filing(
      await federation.query(
        ADD_FINDING,
        {
          input: {
            filingId: second.id,
            item: 'businessInfo.userAgreement',
            rule: 'USER_AGREEMENT_TERMS',
            document: '教基〔2019〕8号',
            description: '用户协议未载明退费条款',
          },
        },
        tokens.screener,
      ),
    );
    expect(found.status).toBe('RECTIFICATION_REQUIRED');
    expect(found.findings).toEqual([
      expect.objectContaining({ source: 'OFFICER', rule: 'USER_AGREEMENT_TERMS', officerName: '李筛查' }),
    ]);
    const [problems] = await outboxOf(second.id, 'ScreeningProblemsFound');
    expect(problems.payload.problems).toEqual([
      expect.objectContaining({ source: 'OFFICER', code: 'USER_AGREEMENT_TERMS' }),
    ]);
  });

  it('refuses a filing of an OFFLINE institution', async () => {
    const offline = await registerOnlineInstitution(federation, db, tokens.registryOfficer, {
      kind: 'OFFLINE',
      name: '线下机构',
    });
    const result = await federation.query(SUBMIT_FILING, { input: filingInput(offline) }, tokens.submitter);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'institutionId' });
  });
});

describe('Region.filingStats', () => {
  it('counts filings, personnel and courses of the subtree', async () => {
    type Stats = {
      region: {
        filingStats: {
          institutionsFiled: number;
          personnel: number;
          courses: number;
          filingsWithProblems: number;
          byStatus: Record<string, number>;
        };
      };
    };
    const stats = await federation.query<Stats>(REGION_FILING_STATS, { code: QINGHAI.xining }, tokens.reader);
    expect(stats.errors).toBeUndefined();
    const counted = await db.query(
      `SELECT count(*)::int AS n FROM online_course_filing.filing WHERE status <> 'DRAFT'`,
    );
    expect(stats.data!.region.filingStats.institutionsFiled).toBe(counted.rows[0].n);
    expect(stats.data!.region.filingStats.filingsWithProblems).toBe(
      stats.data!.region.filingStats.byStatus.rectificationRequired,
    );
    const outside = await federation.query(
      REGION_FILING_STATS,
      { code: QINGHAI.chengzhong },
      tokens.screener,
    );
    expect(outside.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
