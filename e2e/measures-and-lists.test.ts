/**
 * The lists as the regulator runs them (docs/design.md §9), through the gateway with every subgraph and
 * worker: a licensed institution is white, late rectification and a removal decision take an institution
 * off the black list, measures reach the registry and end by themselves, confirmations check the
 * registry's facts, double submits record once, and deadlines read in Beijing time.
 */
import { QINGHAI, validCreditCode } from '@jianguan/testing';
import { until } from './support/polling';
import { ok } from './support/federation';
import { RECORD_SURVEY } from './support/registry-operations';
import { CONFIRM, EXTEND, ISSUE } from './support/enforcement-operations';
import { beijingDay, IMPOSE, inSeconds, REMOVE, useMeasuresStack } from './support/measures-and-lists-stack';

const COUNTY = QINGHAI.chengdong;
const ALL_LICENCES = ['BUSINESS_LICENCE', 'FIRE_SAFETY_CLEARANCE', 'SCHOOL_PERMIT'];

const { federation, db, tokens, lookup, view, untilEntry, untilView, register, recordLicence, issue } =
  useMeasuresStack();

it('puts a licensed institution on the white list, and finds every registered one with its state', async () => {
  const licensed = await register('城东区明德书法培训学校', { licences: ALL_LICENCES });
  const incomplete = await register('城东区星火美术培训中心', { licences: ['BUSINESS_LICENCE'] });
  const closed = await register('城东区已停业培训部');
  const white = await untilEntry(licensed.creditCode, (e) => e?.list === 'WHITE');
  expect(white).toMatchObject({ name: '城东区明德书法培训学校', list: 'WHITE', listLabel: '白名单' });
  expect((await lookup('明德书法'))[0]).toMatchObject({ creditCode: licensed.creditCode, list: 'WHITE' });
  const grey = await untilEntry(incomplete.creditCode, (e) => e?.list === 'GREY');
  expect(grey).toMatchObject({ reasonCode: 'CERTIFICATES_INCOMPLETE', listLabel: '灰名单' });

  ok(
    await federation.query(
      RECORD_SURVEY,
      {
        input: {
          institutionId: closed.id,
          surveyedAt: inSeconds(-60),
          gridCode: QINGHAI.beiguanCommunity,
          finding: 'CLOSED',
        },
      },
      tokens.grid,
    ),
  );
  const notListed = await untilEntry(closed.creditCode, (e) => e?.reasonCode === 'CLOSED');
  expect(notListed).toMatchObject({ list: null, listLabel: '未列入名单', reasonCode: 'CLOSED' });
  expect(notListed.reason).toContain('停止办学');
  expect(await lookup(validCreditCode(COUNTY))).toEqual([]);
});

it('confirms an overdue order late, keeps it black, and takes it off only by a decision of the level that listed it', async () => {
  const school = await register('城东区晨曦英语培训学校', { licences: ALL_LICENCES });
  await untilEntry(school.creditCode, (e) => e?.list === 'WHITE');
  const { id: orderId } = ok(await issue(school.id, inSeconds(2), tokens.city)).issueRectificationOrder;
  await untilView(school.id, (v) => v.status === 'BANNED');
  const black = await untilEntry(school.creditCode, (e) => e?.list === 'BLACK');
  expect(black.reasonCode).toBe('RECTIFICATION_DEADLINE_MISSED');

  const early = await federation.query(
    REMOVE,
    { input: { institutionId: school.id, reason: '已整改' } },
    tokens.city,
  );
  expect(early.errors?.[0].extensions?.code).toBe('CONFLICT');
  expect(early.errors?.[0].message).toContain('尚未确认整改到位');

  const confirmed = ok(
    await federation.query<{ confirmRectification: { status: string } }>(
      CONFIRM,
      { input: { orderId, evidence: '复查：消防通道已清理（逾期）' } },
      tokens.county,
    ),
  );
  expect(confirmed.confirmRectification.status).toBe('RECTIFIED');
  await new Promise((resolve) => setTimeout(resolve, 5500)); // past the county case's respond-by
  const afterLate = await view(school.id);
  expect(afterLate.rectificationOrders[0]).toMatchObject({
    status: 'RECTIFIED',
    rectifiedLate: true,
    escalations: [{ level: 'COUNTY', outcome: 'RECTIFIED_LATE' }],
  });
  expect(afterLate.rectificationOrders[0].history.map((h) => h.action)).toContain('confirmRectificationLate');
  expect(afterLate.status).toBe('BANNED');
  expect((await lookup(school.creditCode))[0].list).toBe('BLACK');

  const byCounty = await federation.query(
    REMOVE,
    { input: { institutionId: school.id, reason: '整改到位' } },
    tokens.county,
  );
  expect(byCounty.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const byCity = ok(
    await federation.query<{ removeFromBlacklist: { removed: number } }>(
      REMOVE,
      { input: { institutionId: school.id, reason: '逾期后整改到位，经复查移出黑名单' } },
      tokens.city,
    ),
  );
  expect(byCity.removeFromBlacklist.removed).toBe(1);
  const white = await untilEntry(school.creditCode, (e) => e?.list === 'WHITE');
  expect(white.list).toBe('WHITE');
  const after = await untilView(school.id, (v) => v.status === 'ACTIVE');
  expect(after.listing!.history.map((h) => h.to)).toEqual(expect.arrayContaining(['BLACK', 'WHITE']));
  expect(after.listing!.history.map((h) => h.reasonCode)).toContain('REMOVED_FROM_BLACKLIST');
  expect(after.blacklistEntries).toEqual([
    {
      reason: 'RECTIFICATION_DEADLINE_MISSED',
      listedByRegionCode: QINGHAI.xining,
      removedByName: '赵市局',
      removalReason: '逾期后整改到位，经复查移出黑名单',
    },
  ]);
});

it('carries every measure to the registry: a ban stops training, a suspension says 暂停 and ends by itself', async () => {
  const banned = await register('城东区违规学科类培训部', { licences: ALL_LICENCES });
  const platform = await register('某在线学科培训平台', { kind: 'ONLINE', licences: ALL_LICENCES });
  ok(
    await federation.query(
      IMPOSE,
      {
        input: {
          institutionId: banned.id,
          type: 'SECTOR_BAN',
          description: '违规开展学科类培训',
          legalBasis: '《校外培训行政处罚暂行办法》第十八条',
        },
      },
      tokens.county,
    ),
  );
  const bannedView = await untilView(banned.id, (v) => v.status === 'BANNED');
  expect(bannedView.trainingStopOrderedAt).not.toBeNull();
  const bannedEntry = await untilEntry(banned.creditCode, (e) => e?.list === 'BLACK');
  expect(bannedEntry.reason).toContain('禁止从事校外培训活动');

  const endsAt = inSeconds(4);
  ok(
    await federation.query(
      IMPOSE,
      {
        input: {
          institutionId: platform.id,
          type: 'SUSPEND_PLATFORM',
          description: '超时授课',
          legalBasis: '线上培训巡查红黄牌制度',
          endsAt,
        },
      },
      tokens.county,
    ),
  );
  await untilView(platform.id, (v) => v.status === 'SUSPENDED');
  const suspended = await untilEntry(platform.creditCode, (e) => e?.list === 'BLACK');
  expect(suspended.reason).toContain('暂停');
  expect(suspended.reason).not.toContain('关停');
  const resumed = await untilView(platform.id, (v) => v.status === 'ACTIVE');
  expect(resumed.penalties[0]).toMatchObject({ type: 'SUSPEND_PLATFORM', label: '暂停培训平台运营' });
  expect(resumed.penalties[0].endedAt).not.toBeNull();
  expect((await untilEntry(platform.creditCode, (e) => e?.list !== 'BLACK')).list).not.toBe('BLACK');
});

it('refuses to confirm missing certificates by hand, confirms them by the licence event, and records double submits once', async () => {
  const school = await register('城东区育才数学培训学校', {
    licences: ['BUSINESS_LICENCE', 'FIRE_SAFETY_CLEARANCE'],
  });
  await until(
    async () =>
      (
        await db.query(`SELECT certificate_status FROM enforcement.known_institution WHERE id = $1`, [
          school.id,
        ])
      ).rows[0]?.certificate_status,
    (status) => status === 'INCOMPLETE',
  );
  const { id: orderId } = ok(
    await federation.query<{ issueRectificationOrder: { id: string } }>(
      ISSUE,
      {
        input: {
          institutionId: school.id,
          source: 'SURVEY',
          problems: [{ code: 'MISSING_SCHOOL_PERMIT', description: '缺少办学许可证', field: null }],
          deadlineWorkingDays: 20,
        },
      },
      tokens.county,
    ),
  ).issueRectificationOrder;
  const refused = await federation.query(CONFIRM, { input: { orderId, evidence: '已补办' } }, tokens.county);
  expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
  expect(refused.errors?.[0].message).toContain('SCHOOL_PERMIT');
  await recordLicence(school.id, 'SCHOOL_PERMIT');
  const confirmed = await untilView(school.id, (v) => v.rectificationOrders[0]?.status === 'RECTIFIED');
  expect(confirmed.rectificationOrders[0].rectifiedLate).toBe(false);

  const deadline = inSeconds(30 * 86400);
  const twenty = await Promise.all(Array.from({ length: 20 }, () => issue(school.id, deadline)));
  expect(twenty.every((r) => !r.errors)).toBe(true);
  expect(new Set(twenty.map((r) => r.data!.issueRectificationOrder.id)).size).toBe(1);
  const fines = await Promise.all(
    Array.from({ length: 20 }, () =>
      federation.query<{ imposePenalty: { id: string } }>(
        IMPOSE,
        {
          input: {
            institutionId: school.id,
            type: 'FINE',
            amountFen: 1_000_000,
            description: '超期预收费',
            legalBasis: '第十七条',
          },
        },
        tokens.county,
      ),
    ),
  );
  expect(new Set(fines.map((r) => r.data!.imposePenalty.id)).size).toBe(1);
  const { rows } = await db.query(
    `SELECT (SELECT count(*)::int FROM enforcement.rectification_order WHERE institution_id = $1) AS orders,
            (SELECT count(*)::int FROM enforcement.penalty WHERE institution_id = $1) AS penalties`,
    [school.id],
  );
  expect(rows[0]).toEqual({ orders: 2, penalties: 1 });
});

it('reads a grey deadline as its Beijing day, and follows an extension', async () => {
  const school = await register('城东区启航舞蹈培训中心', { licences: ALL_LICENCES });
  await untilEntry(school.creditCode, (e) => e?.list === 'WHITE');
  // Due at 00:00 Beijing time 20 days on, which a person reads as 24:00 of the day before.
  const midnight = (days: number) => `${beijingDay(days)}T00:00:00+08:00`;
  const { id: orderId } = ok(await issue(school.id, midnight(20))).issueRectificationOrder;
  const grey = await untilEntry(school.creditCode, (e) => e?.list === 'GREY');
  expect(grey.reason).toContain(`整改期限至 ${beijingDay(19)}`);
  ok(
    await federation.query(
      EXTEND,
      { input: { orderId, reason: '疫情影响，延期复查', deadline: midnight(36) } },
      tokens.county,
    ),
  );
  const extended = await untilEntry(school.creditCode, (e) => !!e?.reason.includes(beijingDay(35)));
  expect(extended.reason).toContain(`整改期限至 ${beijingDay(35)}`);
});
