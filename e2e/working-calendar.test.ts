import { Client } from 'pg';
import { shippedYears } from '@jianguan/platform';
import { registryService } from '@jianguan/registry';
import { enforcementService } from '@jianguan/enforcement';
import { qualificationReviewService } from '@jianguan/qualification-review';
import {
  calendarWithFixture2027,
  holidayScheduleFixture2027,
  QINGHAI,
  tokenFor,
  officialToken,
} from '@jianguan/testing';
import { until } from './support/polling';
import { ok, type TestFederation, startFederationWithDatabase, stopFederation } from './support/federation';
import { registerInstitution } from './support/enforcement-operations';
import {
  materials,
  NEW_PERMIT_MATERIALS,
  registerIncompleteInstitution,
} from './support/qualification-review-operations';

/**
 * Issue 18, point 1: the holiday calendar is data the department loads. The 2027 schedule used here is
 * the fixture in docs/examples (the official one is loaded the same way when it is published).
 */
const fixture2027 = holidayScheduleFixture2027();

const HOLIDAY_SCHEDULE = `query Schedule($year: Int!) {
  holidaySchedule(year: $year) { year loaded shipped holidays workdays statutoryHolidays notice }
}`;
const LOAD = `mutation Load($input: HolidayScheduleInput!) {
  loadHolidaySchedule(input: $input) { year loaded shipped holidays workdays notice }
}`;
const ISSUE = `mutation Issue($input: IssueRectificationOrderInput!) {
  issueRectificationOrder(input: $input) { id issuedAt deadline deadlineProvisional deadlineWorkingDays }
}`;
const ORDER = `query Order($id: ID!) {
  rectificationOrder(id: $id) {
    deadline deadlineProvisional
    history { action detail }
    notifications { kind recipient message }
  }
}`;
const SUBMIT = `mutation Submit($input: SubmitQualificationApplicationInput!) {
  submitQualificationApplication(input: $input) { id submittedAt dueAt dueProvisional dueWorkingDays }
}`;
const APPLICATION = `query App($id: ID!) {
  qualificationApplication(id: $id) { dueAt dueProvisional notifications { kind dueAt } }
}`;

/** Far enough that the count always runs into a year the shipped calendar does not cover. */
const ORDER_WORKING_DAYS = 250;

const withFixture = calendarWithFixture2027;

let federation: TestFederation;
let db: Client;
let admin: string;
let registryOfficer: string;
let officer: string;

beforeAll(async () => {
  ({ federation, db } = await startFederationWithDatabase({
    services: [registryService, qualificationReviewService, enforcementService],
    workers: true,
    env: { OUTBOX_POLL_MS: '200' },
  }));
  admin = await tokenFor({ scopes: ['admin'], regionCode: '63' });
  registryOfficer = await tokenFor({ scopes: ['registry:write'], regionCode: QINGHAI.chengdong });
  officer = await officialToken('officer-wang', '王执法', ['enforcement:write'], QINGHAI.chengdong);
});

afterAll(() => stopFederation(federation, db));

describe('working days from the calendar the department keeps', () => {
  it('shows a year without its schedule as not loaded, with its statutory holidays computed', async () => {
    const { holidaySchedule } = ok(
      await federation.query<{ holidaySchedule: { loaded: boolean; statutoryHolidays: string[] } }>(
        HOLIDAY_SCHEDULE,
        { year: 2027 },
        officer,
      ),
    );
    expect(holidaySchedule.loaded).toBe(false);
    expect(holidaySchedule.statutoryHolidays).toEqual(
      expect.arrayContaining(['2027-01-01', '2027-02-05', '2027-02-08', '2027-10-03']),
    );
  });

  it('lets only an admin load a schedule, and refuses one that leaves out a statutory holiday', async () => {
    const refused = await federation.query(LOAD, { input: fixture2027 }, officer);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const incomplete = await federation.query(
      LOAD,
      { input: { ...fixture2027, holidays: fixture2027.holidays.filter((d) => d !== '2027-10-03') } },
      admin,
    );
    expect(incomplete.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'holidays' });
    expect(incomplete.errors?.[0].message).toContain('缺少法定节假日：2027-10-03');
  });

  it('marks deadlines counted into an unloaded year provisional, and recounts them when it is loaded', async () => {
    const institutionId = await registerInstitution(
      federation,
      db,
      registryOfficer,
      '城东区日历测试培训学校',
    );
    const { issueRectificationOrder: order } = ok(
      await federation.query<{
        issueRectificationOrder: {
          id: string;
          issuedAt: string;
          deadline: string;
          deadlineProvisional: boolean;
        };
      }>(
        ISSUE,
        {
          input: {
            institutionId,
            source: 'INSPECTION',
            problems: [{ code: 'NO_PERMIT', description: '未取得办学许可证' }],
            deadlineWorkingDays: ORDER_WORKING_DAYS,
          },
        },
        officer,
      ),
    );
    expect(order.deadlineProvisional).toBe(true);

    const applicant = await registerIncompleteInstitution(federation, db, registryOfficer, {
      name: '城东区日历审查培训学校',
    });
    const institutionUser = await tokenFor({
      scopes: [],
      regionCode: QINGHAI.chengdong,
      institutionId: applicant,
    });
    const { submitQualificationApplication: app } = ok(
      await federation.query<{
        submitQualificationApplication: {
          id: string;
          submittedAt: string;
          dueAt: string;
          dueProvisional: boolean;
          dueWorkingDays: number;
        };
      }>(
        SUBMIT,
        {
          input: { institutionId: applicant, type: 'NEW_PERMIT', materials: materials(NEW_PERMIT_MATERIALS) },
        },
        institutionUser,
      ),
    );
    const runsIntoUnloadedYear = !shippedYears().includes(new Date(app.dueAt).getUTCFullYear());
    expect(app.dueProvisional).toBe(runsIntoUnloadedYear);

    const { loadHolidaySchedule } = ok(
      await federation.query<{ loadHolidaySchedule: { loaded: boolean; shipped: boolean; notice: string } }>(
        LOAD,
        { input: fixture2027 },
        admin,
      ),
    );
    expect(loadHolidaySchedule).toMatchObject({ loaded: true, shipped: false, notice: fixture2027.notice });
    const audit = await db.query(
      `SELECT action, after->>'notice' AS notice FROM registry.audit_record WHERE entity_type = 'HolidaySchedule'`,
    );
    expect(audit.rows).toEqual([{ action: 'loadHolidaySchedule', notice: fixture2027.notice }]);

    // The order: never earlier than announced, firm once every day it counts is in a loaded year.
    const counted = withFixture().deadline(new Date(order.issuedAt), ORDER_WORKING_DAYS);
    const expected = Math.max(counted.at.getTime(), Date.parse(order.deadline));
    type OrderView = {
      deadline: string;
      deadlineProvisional: boolean;
      history: { action: string; detail: string }[];
      notifications: { kind: string; recipient: string; message: string }[];
    };
    const recounted = await until(
      async () =>
        ok(await federation.query<{ rectificationOrder: OrderView }>(ORDER, { id: order.id }, officer)),
      (view) => view.rectificationOrder.history.some((h) => h.action === 'recomputeDeadline'),
    );
    const view = recounted.rectificationOrder;
    expect(Date.parse(view.deadline)).toBe(expected);
    expect(view.deadlineProvisional).toBe(counted.provisional);
    expect(view.history.find((h) => h.action === 'recomputeDeadline')!.detail).toContain(fixture2027.notice);
    expect(
      view.notifications
        .filter((n) => n.kind === 'DEADLINE_CHANGED')
        .map((n) => n.recipient)
        .sort(),
    ).toEqual([`DEPARTMENT:${QINGHAI.chengdong}`, `INSTITUTION:${institutionId}`].sort());

    // The application (when its limit ran into 2027): moved by what the loaded year changes.
    if (runsIntoUnloadedYear) {
      const after = withFixture().deadline(new Date(app.submittedAt), app.dueWorkingDays);
      const reviewer = await officialToken('reviewer-li', '李审核', ['review:read'], QINGHAI.chengdong);
      const seen = await until(
        async () =>
          ok(
            await federation.query<{ qualificationApplication: { dueAt: string; dueProvisional: boolean } }>(
              APPLICATION,
              { id: app.id },
              reviewer,
            ),
          ).qualificationApplication,
        (a) => a.dueProvisional === after.provisional && (after.provisional || !a.dueProvisional),
      );
      expect(seen.dueProvisional).toBe(after.provisional);
      expect(Date.parse(seen.dueAt)).toBe(after.at.getTime());
    }
  });

  it('loads the same schedule again without changing anything', async () => {
    const before = await db.query(`SELECT count(*)::int AS n FROM registry.outbox`);
    ok(await federation.query(LOAD, { input: fixture2027 }, admin));
    const after = await db.query(`SELECT count(*)::int AS n FROM registry.outbox`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });
});
