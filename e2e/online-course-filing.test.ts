import { Client } from 'pg';
import { openDataSource } from '@jianguan/platform';
import { createFilingDataSource, importFilings } from '@jianguan/online-course-filing';
import { registryService } from '@jianguan/registry';
import { QINGHAI, tokenFor, validIdNumber, officialToken } from '@jianguan/testing';
import { onlineCourseFilingService } from '@jianguan/online-course-filing';
import { until } from './support/polling';
import { type TestFederation, startFederationWithDatabase, stopFederation } from './support/federation';
import {
  ADD_FINDING,
  APPROVE_FILING,
  compliantCourse,
  filingInput,
  FILING_PERSONNEL,
  INSTITUTION_FILING,
  mathTeacher,
  REGION_FILING_STATS,
  registerOnlineInstitution,
  REJECT_FILING,
  SCREEN_FILING,
  SUBMIT_FILING,
  type FilingShape,
} from './support/online-course-filing-operations';

let federation: TestFederation;
let db: Client;
let registryOfficer: string;
let screener: string;
let reader: string;
let submitter: string;
let otherCountyScreener: string;

beforeAll(async () => {
  ({ federation, db } = await startFederationWithDatabase({
    services: [registryService, onlineCourseFilingService],
    workers: true,
    env: { OUTBOX_POLL_MS: '200' },
  }));
  registryOfficer = await tokenFor({
    scopes: ['registry:write', 'registry:read'],
    regionCode: QINGHAI.chengdong,
  });
  screener = await officialToken(
    'screener-li',
    '李筛查',
    ['filing:screen', 'filing:read'],
    QINGHAI.chengdong,
  );
  reader = await officialToken('reader', '只读', ['filing:read'], QINGHAI.xining);
  submitter = await officialToken('window', '窗口', ['filing:submit'], QINGHAI.chengdong);
  otherCountyScreener = await officialToken('screener-zhao', '赵筛查', ['filing:screen'], QINGHAI.chengzhong);
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

type Result = {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
};
const filing = (result: Result): FilingShape => {
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return Object.values(result.data as Record<string, FilingShape>)[0];
};

const outboxOf = async (filingId: string, type: string) =>
  (
    await db.query(
      `SELECT payload, published_at FROM online_course_filing.outbox WHERE type = $1 AND payload->>'filingId' = $2`,
      [type, filingId],
    )
  ).rows as { payload: Record<string, unknown>; published_at: Date | null }[];

describe('screening against versioned rule sets', () => {
  it('45-minute lessons, an uncertified math teacher and live lessons until 21:30 give three findings, RECTIFICATION_REQUIRED and one ScreeningProblemsFound', async () => {
    const institutionId = await registerOnlineInstitution(federation, db, registryOfficer);
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
      (await federation.query(SCREEN_FILING, { id: submitted.id }, otherCountyScreener)).errors?.[0]
        .extensions?.code,
    ).toBe('FORBIDDEN');

    const screened = filing(await federation.query(SCREEN_FILING, { id: submitted.id }, screener));
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
    const institutionId = await registerOnlineInstitution(federation, db, registryOfficer, {
      name: '35分钟课堂',
    });
    const input = filingInput(institutionId, { courses: [compliantCourse({ lessonMinutes: 35 })] });

    // A paper filing received in 2020, recorded by the county's service window.
    const in2020 = filing(
      await federation.query(
        SUBMIT_FILING,
        { input: { ...input, submittedAt: '2020-06-01T10:00:00+08:00' } },
        submitter,
      ),
    );
    expect(in2020.ruleSet).toMatchObject({ version: '2019', maxLessonMinutes: 40 });
    const passed = filing(await federation.query(SCREEN_FILING, { id: in2020.id }, screener));
    expect(passed).toMatchObject({ status: 'SCREENING', findings: [] });

    const rejected = filing(
      await federation.query(
        REJECT_FILING,
        { input: { filingId: in2020.id, reasons: ['按新规重新备案'] } },
        screener,
      ),
    );
    expect(rejected).toMatchObject({ status: 'REJECTED', reasons: ['按新规重新备案'] });
    expect(await outboxOf(in2020.id, 'OnlineFilingRejected')).toHaveLength(1);

    // The same filing submitted now falls under the 2021 set.
    const now = filing(await federation.query(SUBMIT_FILING, { input }, submitter));
    expect(now.id).toBe(in2020.id);
    expect(now.ruleSet).toMatchObject({ version: '2021', maxLessonMinutes: 30 });
    const failed = filing(await federation.query(SCREEN_FILING, { id: now.id }, screener));
    expect(failed.status).toBe('RECTIFICATION_REQUIRED');
    expect(failed.findings.map((f) => f.rule)).toEqual(['LESSON_LENGTH']);
  });

  it('a compliant filing is screened, gets an officer finding or is approved with OnlineFilingApproved', async () => {
    const institutionId = await registerOnlineInstitution(federation, db, registryOfficer, {
      name: '合规课堂',
    });
    const submitted = filing(
      await federation.query(SUBMIT_FILING, { input: filingInput(institutionId) }, submitter),
    );
    expect(
      (await federation.query(APPROVE_FILING, { id: submitted.id }, screener)).errors?.[0].extensions?.code,
    ).toBe('CONFLICT');
    const screened = filing(await federation.query(SCREEN_FILING, { id: submitted.id }, screener));
    expect(screened).toMatchObject({ status: 'SCREENING', findings: [] });
    const approved = filing(await federation.query(APPROVE_FILING, { id: submitted.id }, screener));
    expect(approved.status).toBe('FILED');
    const [event] = await outboxOf(submitted.id, 'OnlineFilingApproved');
    expect(event.payload).toMatchObject({
      institutionId,
      platformName: '云课堂',
      icpNumber: '青ICP备19000001号',
    });

    const other = await registerOnlineInstitution(federation, db, registryOfficer, { name: '人工发现课堂' });
    const second = filing(await federation.query(SUBMIT_FILING, { input: filingInput(other) }, submitter));
    filing(await federation.query(SCREEN_FILING, { id: second.id }, screener));
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
        screener,
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
    const offline = await registerOnlineInstitution(federation, db, registryOfficer, {
      kind: 'OFFLINE',
      name: '线下机构',
    });
    const result = await federation.query(SUBMIT_FILING, { input: filingInput(offline) }, submitter);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'institutionId' });
  });
});

describe('ID numbers', () => {
  it('refuses a wrong check digit, naming the field and not echoing the number', async () => {
    const institutionId = await registerOnlineInstitution(federation, db, registryOfficer, {
      name: '校验位',
    });
    const good = validIdNumber(QINGHAI.chengdong, '19900101');
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const result = await federation.query(
      SUBMIT_FILING,
      { input: filingInput(institutionId, { personnel: [mathTeacher(), mathTeacher({ idNumber: wrong })] }) },
      submitter,
    );
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'personnel.1.idNumber',
    });
    expect(result.errors?.[0].message).toContain('wrong check digit');
    expect(JSON.stringify(result)).not.toContain(wrong);
  });

  it('are masked for callers without filing:screen, and shown to screeners', async () => {
    const institutionId = await registerOnlineInstitution(federation, db, registryOfficer, { name: '脱敏' });
    const idNumber = validIdNumber(QINGHAI.chengdong, '19880808');
    const submitted = filing(
      await federation.query(
        SUBMIT_FILING,
        { input: filingInput(institutionId, { personnel: [mathTeacher({ idNumber })] }) },
        submitter,
      ),
    );
    type Personnel = { onlineFiling: { personnel: { edges: { node: { idNumber: string } }[] } } };
    const idAs = async (token: string) =>
      (await federation.query<Personnel>(FILING_PERSONNEL, { id: submitted.id }, token)).data?.onlineFiling
        .personnel.edges[0].node.idNumber;
    const masked = `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`;
    expect(await idAs(reader)).toBe(masked);
    expect(await idAs(submitter)).toBe(masked);
    expect(await idAs(await institutionUser(institutionId))).toBe(masked);
    expect(await idAs(screener)).toBe(idNumber);
    // Nor in the audit trail or the events.
    const audit = await db.query(
      `SELECT after::text AS after FROM online_course_filing.audit_record WHERE entity_id = $1`,
      [submitted.id],
    );
    for (const row of audit.rows) expect(row.after).not.toContain(idNumber);
  });

  it('personnel are paginated', async () => {
    const institutionId = await registerOnlineInstitution(federation, db, registryOfficer, { name: '分页' });
    const personnel = Array.from({ length: 25 }, (_, i) => mathTeacher({ name: `老师${i + 1}` }));
    const submitted = filing(
      await federation.query(SUBMIT_FILING, { input: filingInput(institutionId, { personnel }) }, submitter),
    );
    type Page = {
      onlineFiling: {
        personnel: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: { node: { line: number } }[];
        };
      };
    };
    const first = (await federation.query<Page>(FILING_PERSONNEL, { id: submitted.id, first: 20 }, screener))
      .data!;
    expect(first.onlineFiling.personnel.totalCount).toBe(25);
    expect(first.onlineFiling.personnel.pageInfo.hasNextPage).toBe(true);
    const second = (
      await federation.query<Page>(
        FILING_PERSONNEL,
        { id: submitted.id, first: 20, after: first.onlineFiling.personnel.pageInfo.endCursor },
        screener,
      )
    ).data!;
    expect(second.onlineFiling.personnel.edges.map((e) => e.node.line)).toEqual([21, 22, 23, 24, 25]);
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
    const stats = await federation.query<Stats>(REGION_FILING_STATS, { code: QINGHAI.xining }, reader);
    expect(stats.errors).toBeUndefined();
    const counted = await db.query(
      `SELECT count(*)::int AS n FROM online_course_filing.filing WHERE status <> 'DRAFT'`,
    );
    expect(stats.data!.region.filingStats.institutionsFiled).toBe(counted.rows[0].n);
    expect(stats.data!.region.filingStats.filingsWithProblems).toBe(
      stats.data!.region.filingStats.byStatus.rectificationRequired,
    );
    const outside = await federation.query(REGION_FILING_STATS, { code: QINGHAI.chengzhong }, screener);
    expect(outside.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('drafts, permissions and imported filings', () => {
  it('a draft is saved without a rule set and submitted later; a reader cannot submit', async () => {
    const institutionId = await registerOnlineInstitution(federation, db, registryOfficer, { name: '草稿' });
    const forbidden = await federation.query(SUBMIT_FILING, { input: filingInput(institutionId) }, reader);
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const draft = filing(
      await federation.query(
        SUBMIT_FILING,
        { input: { ...filingInput(institutionId), draft: true } },
        submitter,
      ),
    );
    expect(draft).toMatchObject({ status: 'DRAFT', submittedAt: null, ruleSet: null });
    expect(
      (await federation.query(SCREEN_FILING, { id: draft.id }, screener)).errors?.[0].extensions?.code,
    ).toBe('CONFLICT');
    const submitted = filing(
      await federation.query(SUBMIT_FILING, { input: filingInput(institutionId) }, submitter),
    );
    expect(submitted).toMatchObject({ id: draft.id, status: 'SUBMITTED' });
    expect(submitted.history.map((h) => h.to)).toEqual(['DRAFT', 'SUBMITTED']);
    type Phone = { onlineFiling: { institutionInfo: { contactPhone: string } } };
    const phone = `query P($id: ID!) { onlineFiling(id: $id) { institutionInfo { contactPhone } } }`;
    expect(
      (await federation.query<Phone>(phone, { id: draft.id }, reader)).data?.onlineFiling.institutionInfo
        .contactPhone,
    ).toBe('139******00');
    expect(
      (await federation.query<Phone>(phone, { id: draft.id }, screener)).data?.onlineFiling.institutionInfo
        .contactPhone,
    ).toBe('13900000000');
  });

  it('an imported filing naming the registry id shows on the registry institution', async () => {
    const institutionId = await registerOnlineInstitution(federation, db, registryOfficer, {
      name: '导入机构',
    });
    const creditCode = (
      await db.query(`SELECT credit_code FROM online_course_filing.known_institution WHERE id = $1`, [
        institutionId,
      ])
    ).rows[0].credit_code as string;
    const row = (line: number, record: Record<string, string>) => ({ line, record });
    const dataSource = await openDataSource(createFilingDataSource(federation.db.url, { poolSize: 1 }), {
      migrate: false,
    });
    try {
      const result = await importFilings(
        dataSource,
        {
          institutions: [
            row(2, {
              institutionId,
              creditCode,
              name: '导入机构',
              regionCode: QINGHAI.beiguanCommunity,
              telecomLicence: 'B2-20190002',
              complaintLink: 'https://import.example.cn/complaints',
              userAgreement: 'https://import.example.cn/agreement',
              submittedAt: '2019-11-30T10:00:00+08:00',
              commitments: 'NO_EXAM_ORIENTED:不开展应试培训',
            }),
          ],
          platforms: [
            row(2, {
              creditCode,
              kind: 'WEBSITE',
              name: '导入网',
              domain: 'import.example.cn',
              icpNumber: '青ICP备19000002号',
            }),
          ],
          personnel: [
            row(2, {
              creditCode,
              name: '李老师',
              idNumber: validIdNumber(),
              role: 'TEACHER',
              subject: 'MATH',
              teacherCertificateNumber: '2019001',
            }),
          ],
          courses: [
            row(2, {
              creditCode,
              title: '小学数学',
              subject: 'MATH',
              gradeFrom: '1',
              gradeTo: '6',
              lessonMinutes: '35',
              breakMinutes: '10',
              delivery: 'LIVE',
              schedule: '每周日',
              startTime: '09:00',
              endTime: '10:00',
              feePerLessonFen: '6000',
              billingMode: 'PER_LESSON',
            }),
          ],
        },
        { sub: 'import', name: '导入' },
      );
      expect(result).toMatchObject({ filings: 1, institutionsCreated: 0, personnel: 1, courses: 1 });
    } finally {
      await dataSource.destroy();
    }
    const user = await institutionUser(institutionId);
    const seen = await federation.query<{ institution: { onlineFiling: { id: string; status: string } } }>(
      INSTITUTION_FILING,
      { id: institutionId },
      user,
    );
    expect(seen.data?.institution.onlineFiling.status).toBe('SUBMITTED');
    // Submitted in 2019: 35-minute lessons pass the 2019 rule set.
    const screened = filing(
      await federation.query(SCREEN_FILING, { id: seen.data!.institution.onlineFiling.id }, screener),
    );
    expect(screened).toMatchObject({ status: 'SCREENING', findings: [], ruleSet: { version: '2019' } });
  });
});
