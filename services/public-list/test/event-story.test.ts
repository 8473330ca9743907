import { randomUUID } from 'node:crypto';
import { eventsConsumedBy } from '@jianguan/events';
import { QINGHAI, validCreditCode } from '@jianguan/testing';
import { usePublicListDatabase } from './support';
import { publicListEventHandlers } from '../src/event-handlers';
import { lookupPublicEntries } from '../src/queries/public-entries';
import { at, envelope, missedThenFixedLate, removedFromBlacklist } from '@jianguan/testing';

/** The new list facts of issue 17 (late fixes, amendments, penalty ends, removal), told by events. */
const bed = usePublicListDatabase(2);
const consume = bed.consume;

const institution = (name: string, kind: 'OFFLINE' | 'ONLINE' = 'OFFLINE') => ({
  institutionId: randomUUID(),
  creditCode: validCreditCode(),
  name,
  regionCode: QINGHAI.chengdong,
  kind,
});

const placed = async (creditCode: string) => {
  const [entry] = await lookupPublicEntries(bed.dataSource, creditCode);
  return { list: entry.list, reasonCode: entry.reasonCode, reason: entry.reason };
};

const historyOf = async (institutionId: string) =>
  (
    (await bed.dataSource.query(
      `SELECT from_list, to_list, reason_code, reason, event_type FROM public_list.listing_change
       WHERE institution_id = $1 ORDER BY seq`,
      [institutionId],
    )) as {
      from_list: string | null;
      to_list: string | null;
      reason_code: string;
      reason: string;
      event_type: string;
    }[]
  ).map((h) => [h.from_list, h.to_list, h.reason_code, h.event_type]);

it('handles every event the catalogue routes to public-list', () => {
  expect(Object.keys(publicListEventHandlers).sort()).toEqual([...eventsConsumedBy('public-list')].sort());
});

it('keeps a late fix BLACK, and a removal decision takes it off, in the history', async () => {
  const i = institution('城东区明德培训学校');
  const story = missedThenFixedLate(i);
  for (const e of story) await consume(e);
  expect(await placed(i.creditCode)).toEqual({
    list: 'BLACK',
    reasonCode: 'RECTIFICATION_DEADLINE_MISSED',
    reason: '逾期未完成整改（期限 2026-06-30），列入黑名单',
  });

  await consume(removedFromBlacklist(i));
  expect(await placed(i.creditCode)).toEqual({
    list: 'WHITE',
    reasonCode: 'CERTIFICATES_COMPLETE',
    reason: '证照齐全',
  });
  expect(await historyOf(i.institutionId)).toEqual([
    [null, 'GREY', 'CERTIFICATES_INCOMPLETE', 'InstitutionClassified'],
    ['GREY', 'WHITE', 'CERTIFICATES_COMPLETE', 'LicenceRecorded'],
    ['WHITE', 'GREY', 'RECTIFICATION_ORDERED', 'RectificationOrderIssued'],
    ['GREY', 'BLACK', 'RECTIFICATION_DEADLINE_MISSED', 'RectificationDeadlineMissed'],
    ['BLACK', 'WHITE', 'REMOVED_FROM_BLACKLIST', 'InstitutionRemovedFromBlacklist'],
  ]);
  const [removal] = (await bed.dataSource.query(
    `SELECT reason FROM public_list.listing_change WHERE institution_id = $1 AND reason_code = 'REMOVED_FROM_BLACKLIST'`,
    [i.institutionId],
  )) as { reason: string }[];
  expect(removal.reason).toBe('经决定移出黑名单：整改到位，经复查符合办学条件');
});

it('suspends an online platform (BLACK, 暂停 until its end day) and takes it back when the pause ends', async () => {
  const i = institution('青海博文在线教育科技有限公司', 'ONLINE');
  const { kind, ...facts } = i;
  const penaltyId = randomUUID();
  const events = [
    envelope('InstitutionRegistered', { ...facts, kind, category: 'SUBJECT' }, at('2026-09-01')),
    envelope('OnlineFilingApproved', {
      ...ids(facts),
      filingId: randomUUID(),
      platformName: '博文在线',
      icpNumber: '青ICP备87654321号',
      approvedAt: at('2026-09-02'),
    }),
    envelope('PenaltyImposed', {
      ...ids(facts),
      penaltyId,
      penaltyType: 'SUSPEND_PLATFORM',
      amountFen: null,
      description: '线上巡查红牌',
      decidedAt: at('2026-12-01'),
      endsAt: '2027-02-01T00:00:00+08:00',
    }),
  ];
  for (const e of events) await consume(e);
  expect(await placed(i.creditCode)).toEqual({
    list: 'BLACK',
    reasonCode: 'PENALTY_SUSPEND_PLATFORM',
    reason: '线上培训平台暂停运营至 2027-01-31，列入黑名单',
  });
  await consume(
    envelope('PenaltyEnded', {
      ...ids(facts),
      penaltyId,
      penaltyType: 'SUSPEND_PLATFORM',
      endedAt: '2027-02-01T00:00:00+08:00',
    }),
  );
  expect(await placed(i.creditCode)).toMatchObject({ list: 'WHITE', reasonCode: 'ONLINE_FILING_APPROVED' });
  expect((await historyOf(i.institutionId)).map(([from, to]) => `${from}→${to}`)).toEqual([
    'null→WHITE',
    'WHITE→BLACK',
    'BLACK→WHITE',
  ]);
});

it('follows a deadline extension in the grey reason', async () => {
  const i = institution('城东区启智培训学校');
  const { kind, ...facts } = i;
  const orderId = randomUUID();
  const problems = [
    { code: 'LESSON_TOO_LONG', description: '单节课时超过 30 分钟', field: null },
    { code: 'FEES_IN_ADVANCE', description: '预收费超过 3 个月', field: null },
  ];
  await consume(envelope('InstitutionRegistered', { ...facts, kind, category: 'SUBJECT' }, at('2026-09-01')));
  await consume(
    envelope('RectificationOrderIssued', {
      ...ids(facts),
      orderId,
      problems,
      deadline: '2026-12-26T00:00:00+08:00',
      issuedAt: at('2026-11-01'),
    }),
  );
  expect(await placed(i.creditCode)).toEqual({
    list: 'GREY',
    reasonCode: 'RECTIFICATION_ORDERED',
    reason: '责令限期整改（2 项问题），整改期限至 2026-12-25',
  });
  await consume(
    envelope('RectificationOrderAmended', {
      ...ids(facts),
      orderId,
      change: 'DEADLINE_EXTENDED',
      problems,
      deadline: '2027-01-10T00:00:00+08:00',
      amendedAt: at('2026-12-20'),
    }),
  );
  expect((await placed(i.creditCode)).reason).toBe('责令限期整改（2 项问题），整改期限至 2027-01-09');
});

function ids(i: { institutionId: string; regionCode: string }) {
  return { institutionId: i.institutionId, regionCode: i.regionCode };
}
