import { randomUUID } from 'node:crypto';
import {
  fact,
  listingOf,
  placement,
  registered,
  classified,
  problem,
  ordered,
  missed,
  confirmed,
  blacklisted,
  penalty,
  penaltyEnded,
  removed,
  approved,
  filed,
} from './listing-facts';

/**
 * docs/design.md §9.1, row by row: each case holds its row (and the rows below it, where that proves
 * the first match wins), and asserts the list, the reason code and the words the public reads.
 */
const DUE = '2026-12-26T00:00:00+08:00'; // reads as 2026-12-25
const black = (reasonCode: string, reason: string) => ({ list: 'BLACK', reasonCode, reason });
const grey = (reasonCode: string, reason: string) => ({ list: 'GREY', reasonCode, reason });
const none = (reasonCode: string, reason: string) => ({ list: null, reasonCode, reason });
const MISSED = black('RECTIFICATION_DEADLINE_MISSED', '逾期未完成整改（期限 2026-12-25），列入黑名单');

describe('row 1: a missed deadline', () => {
  it('is BLACK, and stays so after a late confirmation', () => {
    const o = randomUUID();
    const events = [registered(), classified('COMPLETE'), ordered(o, DUE), missed(o, DUE)];
    expect(placement(events)).toEqual(MISSED);
    expect(placement([...events, confirmed(o, true)])).toEqual(MISSED);
  });
  it('is BLACK when black-listed for the order without the miss event', () => {
    const o = randomUUID();
    expect(
      placement([registered(), ordered(o, DUE), blacklisted('RECTIFICATION_DEADLINE_MISSED', o)]),
    ).toEqual(MISSED);
  });
  it('ends by a removal decision, after which the lower rows decide', () => {
    const o = randomUUID();
    const events = [
      registered(),
      classified('COMPLETE'),
      ordered(o, DUE),
      missed(o, DUE),
      confirmed(o, true),
      removed(),
    ];
    expect(placement(events)).toEqual({
      list: 'WHITE',
      reasonCode: 'CERTIFICATES_COMPLETE',
      reason: '证照齐全',
    });
  });
  it('is not reached when the order was confirmed in time', () => {
    const o = randomUUID();
    const events = [registered(), classified('COMPLETE'), ordered(o, DUE), confirmed(o), missed(o, DUE)];
    expect(placement(events)).toMatchObject({ list: 'WHITE' });
  });
  it('beats a black penalty (first row wins)', () => {
    const o = randomUUID();
    expect(
      placement([registered(), penalty(randomUUID(), 'LICENCE_REVOCATION'), ordered(o, DUE), missed(o, DUE)]),
    ).toEqual(MISSED);
  });
});

describe('row 2: black-listed for another reason', () => {
  it('is BLACK with BLACKLISTED_<reason>', () => {
    expect(placement([registered(), blacklisted('UNLICENSED')])).toEqual(
      black('BLACKLISTED_UNLICENSED', '无证无照办学，列入黑名单'),
    );
    expect(placement([registered(), blacklisted('OTHER')])).toEqual(
      black('BLACKLISTED_OTHER', '因严重违规列入黑名单'),
    );
  });
  it('ends for UNLICENSED when a permit is approved, not for another reason', () => {
    expect(placement([registered(), blacklisted('UNLICENSED'), approved()])).toMatchObject({
      list: 'WHITE',
      reasonCode: 'QUALIFICATION_APPROVED',
    });
    expect(placement([registered(), blacklisted('SECTOR_BAN'), approved()])).toEqual(
      black('BLACKLISTED_SECTOR_BAN', '被禁止从事校外培训，列入黑名单'),
    );
  });
});

describe('row 3: a BLACK penalty in force', () => {
  it('says 暂停 with its end day, and a pause leaves the list at its end', () => {
    const p = randomUUID();
    const events = [
      registered('ONLINE'),
      filed(),
      penalty(p, 'SUSPEND_PLATFORM', '2027-02-01T00:00:00+08:00'),
    ];
    expect(placement(events)).toEqual(
      black('PENALTY_SUSPEND_PLATFORM', '线上培训平台暂停运营至 2027-01-31，列入黑名单'),
    );
    expect(placement(events).reason).not.toContain('关停');
    expect(placement([...events, penaltyEnded(p, 'SUSPEND_PLATFORM')])).toMatchObject({ list: 'WHITE' });
  });
  it('keeps a ban after its term until a removal decision; a revocation survives removal', () => {
    const p = randomUUID();
    const ban = [
      registered(),
      classified('COMPLETE'),
      penalty(p, 'SECTOR_BAN', '2027-02-01T00:00:00+08:00'),
      penaltyEnded(p, 'SECTOR_BAN'),
    ];
    expect(placement(ban)).toEqual(
      black('PENALTY_SECTOR_BAN', '禁止从事校外培训活动至 2027-01-31，列入黑名单'),
    );
    expect(placement([...ban, removed()])).toMatchObject({ list: 'WHITE' });
    const revoked = [registered(), penalty(randomUUID(), 'LICENCE_REVOCATION'), removed()];
    expect(placement(revoked)).toEqual(black('PENALTY_LICENCE_REVOCATION', '吊销办学许可证，列入黑名单'));
  });
  it('is not reached by a penalty without a list effect', () => {
    expect(placement([registered(), classified('COMPLETE'), penalty(randomUUID(), 'FINE')])).toMatchObject({
      list: 'WHITE',
    });
  });
});

describe('row 4: closed by the latest survey', () => {
  const CLOSED = none('CLOSED', '经网格排查已停止办学或查无此机构，不列入名单');
  it('is not listed, and beats an open order (closed beats grey)', () => {
    expect(placement([registered(), classified('COMPLETE', 'CLOSED_OR_NOT_FOUND')])).toEqual(CLOSED);
    expect(
      placement([registered(), ordered(randomUUID(), DUE), classified('INCOMPLETE', 'CLOSED_OR_NOT_FOUND')]),
    ).toEqual(CLOSED);
  });
  it('loses to a black-listing (black beats closed)', () => {
    expect(
      placement([registered(), classified('NONE', 'CLOSED_OR_NOT_FOUND'), blacklisted('UNLICENSED')]),
    ).toMatchObject({ list: 'BLACK' });
  });
  it('is changed only by a later survey, not by a reassessment', () => {
    const closed = [registered(), classified('INCOMPLETE', 'CLOSED_OR_NOT_FOUND')];
    expect(placement([...closed, classified('COMPLETE', 'CERTIFICATES_REASSESSED')])).toEqual(CLOSED);
    expect(placement([...closed, classified('COMPLETE', 'OPERATING')])).toMatchObject({ list: 'WHITE' });
  });
});

describe('row 5: an open rectification order', () => {
  it('is GREY naming the earliest deadline among open orders, and follows an extension', () => {
    const o = randomUUID();
    const events = [
      registered(),
      classified('COMPLETE'),
      ordered(o, DUE),
      ordered(randomUUID(), '2027-03-01T00:00:00+08:00', 1),
    ];
    expect(placement(events)).toEqual(
      grey('RECTIFICATION_ORDERED', '责令限期整改（2 项问题），整改期限至 2026-12-25'),
    );
    const extended = fact('RectificationOrderAmended', {
      orderId: o,
      change: 'DEADLINE_EXTENDED',
      problems: [problem('P0'), problem('P1'), problem('P2')],
      deadline: '2027-01-10T00:00:00+08:00',
    });
    expect(placement([...events, extended])).toEqual(
      grey('RECTIFICATION_ORDERED', '责令限期整改（3 项问题），整改期限至 2027-01-09'),
    );
  });
  it('beats incomplete certificates and a grey penalty; ends when confirmed', () => {
    const o = randomUUID();
    const events = [
      registered(),
      classified('INCOMPLETE'),
      penalty(randomUUID(), 'STOP_ENROLLING', '2027-02-01T00:00:00+08:00'),
      ordered(o, DUE),
    ];
    expect(placement(events)).toMatchObject({ list: 'GREY', reasonCode: 'RECTIFICATION_ORDERED' });
    expect(placement([...events, confirmed(o)])).toMatchObject({ reasonCode: 'PENALTY_STOP_ENROLLING' });
  });
});

describe('rows 6 and 7: grey without an order', () => {
  it('row 6: stop enrolling in force, until its end', () => {
    const p = randomUUID();
    const events = [
      registered(),
      classified('COMPLETE'),
      penalty(p, 'STOP_ENROLLING', '2027-02-01T00:00:00+08:00'),
    ];
    expect(placement(events)).toEqual(grey('PENALTY_STOP_ENROLLING', '责令暂停招生至 2027-01-31'));
    expect(placement([...events, penaltyEnded(p, 'STOP_ENROLLING')])).toMatchObject({ list: 'WHITE' });
  });
  it('row 7: certificates incomplete or none, even with an approved filing (beats row 8 and 9)', () => {
    const INCOMPLETE = grey('CERTIFICATES_INCOMPLETE', '证照不全，待整改');
    expect(placement([registered(), classified('INCOMPLETE')])).toEqual(INCOMPLETE);
    expect(placement([registered('ONLINE'), classified('NONE')])).toEqual(INCOMPLETE);
    expect(placement([registered('ONLINE'), filed(), classified('INCOMPLETE')])).toEqual(INCOMPLETE);
  });
});

describe('rows 8–10: not listed, or white', () => {
  it('row 8: online without an approved filing is not listed, even with complete certificates', () => {
    expect(placement([registered('ONLINE'), classified('COMPLETE')])).toEqual(
      none('ONLINE_FILING_PENDING', '线上培训尚未通过备案，暂未列入名单'),
    );
  });
  it('row 9: complete certificates, or an approval vouching for unassessed ones', () => {
    expect(placement([registered(), classified('COMPLETE')])).toEqual({
      list: 'WHITE',
      reasonCode: 'CERTIFICATES_COMPLETE',
      reason: '证照齐全',
    });
    expect(placement([registered(), approved()])).toEqual({
      list: 'WHITE',
      reasonCode: 'QUALIFICATION_APPROVED',
      reason: '资质审核通过，取得办学许可证（教民163010270000123号）',
    });
    expect(placement([registered('ONLINE'), filed()])).toEqual({
      list: 'WHITE',
      reasonCode: 'ONLINE_FILING_APPROVED',
      reason: '线上培训备案通过（博学在线）',
    });
  });
  it('row 10: registered, certificates not yet assessed', () => {
    expect(placement([registered()])).toEqual(
      none('PENDING_VERIFICATION', '已登记，证照尚在核验，暂未列入名单'),
    );
  });
});

describe('history', () => {
  it('records moves into and out of "not listed", and the removal with its own code', () => {
    const o = randomUUID();
    const { history } = listingOf([
      registered(),
      classified('COMPLETE'),
      ordered(o, DUE),
      missed(o, DUE),
      removed(),
      classified('COMPLETE', 'CLOSED_OR_NOT_FOUND'),
    ]);
    expect(history.map((h) => [h.fromList, h.toList, h.reasonCode])).toEqual([
      [null, 'WHITE', 'CERTIFICATES_COMPLETE'],
      ['WHITE', 'GREY', 'RECTIFICATION_ORDERED'],
      ['GREY', 'BLACK', 'RECTIFICATION_DEADLINE_MISSED'],
      ['BLACK', 'WHITE', 'REMOVED_FROM_BLACKLIST'],
      ['WHITE', null, 'CLOSED'],
    ]);
    expect(history[3].reason).toBe('经决定移出黑名单：整改到位');
  });
});
