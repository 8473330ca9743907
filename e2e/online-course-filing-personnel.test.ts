import { openDataSource } from '@jianguan/platform';
import { createFilingDataSource, importFilings } from '@jianguan/online-course-filing';
import { QINGHAI, validIdNumber } from '@jianguan/testing';
import {
  filingInput,
  FILING_PERSONNEL,
  INSTITUTION_FILING,
  mathTeacher,
  registerOnlineInstitution,
  SCREEN_FILING,
  SUBMIT_FILING,
} from './support/online-course-filing-operations';
import { filing, useOnlineCourseFilingStack } from './support/online-course-filing-stack';
import { institutionUser } from './support/stack';

/** Online-course filing through the gateway: ID numbers and personnel, drafts, permissions and imported filings. */
const { federation, db, tokens } = useOnlineCourseFilingStack();

describe('ID numbers', () => {
  it('refuses a wrong check digit, naming the field and not echoing the number', async () => {
    const institutionId = await registerOnlineInstitution(federation, db, tokens.registryOfficer, {
      name: '校验位',
    });
    const good = validIdNumber(QINGHAI.chengdong, '19900101');
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const result = await federation.query(
      SUBMIT_FILING,
      { input: filingInput(institutionId, { personnel: [mathTeacher(), mathTeacher({ idNumber: wrong })] }) },
      tokens.submitter,
    );
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'personnel.1.idNumber',
    });
    expect(result.errors?.[0].message).toContain('wrong check digit');
    expect(JSON.stringify(result)).not.toContain(wrong);
  });

  it('are masked for callers without filing:screen, and shown to screeners', async () => {
    const institutionId = await registerOnlineInstitution(federation, db, tokens.registryOfficer, {
      name: '脱敏',
    });
    const idNumber = validIdNumber(QINGHAI.chengdong, '19880808');
    const submitted = filing(
      await federation.query(
        SUBMIT_FILING,
        { input: filingInput(institutionId, { personnel: [mathTeacher({ idNumber })] }) },
        tokens.submitter,
      ),
    );
    type Personnel = { onlineFiling: { personnel: { edges: { node: { idNumber: string } }[] } } };
    const idAs = async (token: string) =>
      (await federation.query<Personnel>(FILING_PERSONNEL, { id: submitted.id }, token)).data?.onlineFiling
        .personnel.edges[0].node.idNumber;
    const masked = `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`;
    expect(await idAs(tokens.reader)).toBe(masked);
    expect(await idAs(tokens.submitter)).toBe(masked);
    expect(await idAs(await institutionUser(institutionId))).toBe(masked);
    expect(await idAs(tokens.screener)).toBe(idNumber);
    // Nor in the audit trail or the events.
    const audit = await db.query(
      `SELECT after::text AS after FROM online_course_filing.audit_record WHERE entity_id = $1`,
      [submitted.id],
    );
    for (const row of audit.rows) expect(row.after).not.toContain(idNumber);
  });

  it('personnel are paginated', async () => {
    const institutionId = await registerOnlineInstitution(federation, db, tokens.registryOfficer, {
      name: '分页',
    });
    const personnel = Array.from({ length: 25 }, (_, i) => mathTeacher({ name: `老师${i + 1}` }));
    const submitted = filing(
      await federation.query(
        SUBMIT_FILING,
        { input: filingInput(institutionId, { personnel }) },
        tokens.submitter,
      ),
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
    const first = (
      await federation.query<Page>(FILING_PERSONNEL, { id: submitted.id, first: 20 }, tokens.screener)
    ).data!;
    expect(first.onlineFiling.personnel.totalCount).toBe(25);
    expect(first.onlineFiling.personnel.pageInfo.hasNextPage).toBe(true);
    const second = (
      await federation.query<Page>(
        FILING_PERSONNEL,
        { id: submitted.id, first: 20, after: first.onlineFiling.personnel.pageInfo.endCursor },
        tokens.screener,
      )
    ).data!;
    expect(second.onlineFiling.personnel.edges.map((e) => e.node.line)).toEqual([21, 22, 23, 24, 25]);
  });
});

describe('drafts, permissions and imported filings', () => {
  it('a draft is saved without a rule set and submitted later; a reader cannot submit', async () => {
    const institutionId = await registerOnlineInstitution(federation, db, tokens.registryOfficer, {
      name: '草稿',
    });
    const forbidden = await federation.query(
      SUBMIT_FILING,
      { input: filingInput(institutionId) },
      tokens.reader,
    );
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const draft = filing(
      await federation.query(
        SUBMIT_FILING,
        { input: { ...filingInput(institutionId), draft: true } },
        tokens.submitter,
      ),
    );
    expect(draft).toMatchObject({ status: 'DRAFT', submittedAt: null, ruleSet: null });
    expect(
      (await federation.query(SCREEN_FILING, { id: draft.id }, tokens.screener)).errors?.[0].extensions?.code,
    ).toBe('CONFLICT');
    const submitted = filing(
      await federation.query(SUBMIT_FILING, { input: filingInput(institutionId) }, tokens.submitter),
    );
    expect(submitted).toMatchObject({ id: draft.id, status: 'SUBMITTED' });
    expect(submitted.history.map((h) => h.to)).toEqual(['DRAFT', 'SUBMITTED']);
    type Phone = { onlineFiling: { institutionInfo: { contactPhone: string } } };
    const phone = `query P($id: ID!) { onlineFiling(id: $id) { institutionInfo { contactPhone } } }`;
    expect(
      (await federation.query<Phone>(phone, { id: draft.id }, tokens.reader)).data?.onlineFiling
        .institutionInfo.contactPhone,
    ).toBe('139******00');
    expect(
      (await federation.query<Phone>(phone, { id: draft.id }, tokens.screener)).data?.onlineFiling
        .institutionInfo.contactPhone,
    ).toBe('13900000000');
  });

  it('an imported filing naming the registry id shows on the registry institution', async () => {
    const institutionId = await registerOnlineInstitution(federation, db, tokens.registryOfficer, {
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
      await federation.query(SCREEN_FILING, { id: seen.data!.institution.onlineFiling.id }, tokens.screener),
    );
    expect(screened).toMatchObject({ status: 'SCREENING', findings: [], ruleSet: { version: '2019' } });
  });
});
